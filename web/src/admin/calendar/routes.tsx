import { AlertOutlined, CalculatorOutlined, CalendarOutlined, SettingOutlined } from '@ant-design/icons';
import type { AdminRoute } from '../types';
import { CalculatorAdminPage } from './CalculatorAdminPage';
import { DeadlinesPage } from './DeadlinesPage';
import { HolidaysPage } from './HolidaysPage';
import { OverduePage } from './OverduePage';
import { RulesPage } from './RulesPage';

export const calendarAdminRoutes: AdminRoute[] = [
  {
    path: 'calendar/overdue',
    element: <OverduePage />,
    menu: { label: '超期与预警', group: '法定期限', icon: <AlertOutlined />, order: 0 },
  },
  {
    path: 'calendar/calculator',
    element: <CalculatorAdminPage />,
    menu: { label: '期限计算器', group: '法定期限', icon: <CalculatorOutlined />, order: 1 },
  },
  {
    path: 'calendar/holidays',
    element: <HolidaysPage />,
    menu: { label: '节假日安排', group: '法定期限', icon: <CalendarOutlined />, order: 2 },
  },
  {
    path: 'calendar/rules',
    element: <RulesPage />,
    menu: { label: '期限规则', group: '法定期限', icon: <SettingOutlined />, order: 3 },
  },
  { path: 'calendar/deadlines', element: <DeadlinesPage /> },
];
