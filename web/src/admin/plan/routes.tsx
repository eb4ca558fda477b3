import { AuditOutlined, ProjectOutlined } from '@ant-design/icons';
import type { AdminRoute } from '../types';
import { InspectionDetailPage } from './inspection/InspectionDetailPage';
import { InspectionsPage } from './inspection/InspectionsPage';
import { PlanDetailPage } from './PlanDetailPage';
import { PlansPage } from './PlansPage';
import { TaskPage } from './TaskPage';
import { TasksPage } from './TasksPage';

export const planAdminRoutes: AdminRoute[] = [
  {
    path: 'plan',
    element: <PlansPage />,
    menu: { label: '实施方案与任务', group: '法治政府建设', icon: <ProjectOutlined />, order: 1 },
  },
  { path: 'plan/tasks', element: <TasksPage /> },
  { path: 'plan/tasks/:id', element: <TaskPage /> },
  { path: 'plan/:id', element: <PlanDetailPage /> },
  {
    path: 'inspections',
    element: <InspectionsPage />,
    menu: { label: '政府督查', group: '法治政府建设', icon: <AuditOutlined />, order: 2 },
  },
  { path: 'inspections/:id', element: <InspectionDetailPage /> },
];
