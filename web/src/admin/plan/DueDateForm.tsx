import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Space, message } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api';

/** The coordinator overrides one task's due date (the plan-wide date is only the default), with a reason. */
export function DueDateForm({ taskId, current }: { taskId: string; current: string }) {
  const qc = useQueryClient();
  const [due, setDue] = useState(current);
  const [reason, setReason] = useState('');
  const m = useMutation({
    mutationFn: () => api('PUT', `/api/plan/tasks/${taskId}/due-date`, { dueDate: due, reason }),
    onSuccess: () => {
      message.success('完成期限已调整');
      setReason('');
      qc.invalidateQueries({ queryKey: ['plan-task', taskId] });
    },
  });
  return (
    <Card title="调整本项任务的完成期限" size="small" style={{ marginBottom: 16 }}>
      <Space wrap>
        <label htmlFor="task-due">新的完成期限</label>
        <Input id="task-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        <label htmlFor="task-due-reason">调整理由</label>
        <Input id="task-due-reason" value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 280 }} />
        <Button loading={m.isPending} onClick={() => m.mutate()}>
          调整期限
        </Button>
      </Space>
      {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginTop: 12 }} />}
    </Card>
  );
}
