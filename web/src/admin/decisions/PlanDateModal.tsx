import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Typography, message } from 'antd';
import { useState } from 'react';
import { post } from '../../shared/api';
import { showServerFieldErrors } from './formParts';
import type { DecisionDetailDto as Detail } from '../../../../src/modules/decisions/decisions.contract';

/**
 * Changing an item's planned completion date (`POST /api/decisions/items/:id/plan`, decision body only). Once the
 * catalog is published it is a catalog adjustment: a reason is required and a new catalog version is published.
 */
export function PlanDateModal({ d, onClose }: { d: Detail; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ plannedCompletionOn: string; reason?: string }>();
  const published = d.catalogStatus === 'published';
  const [fieldErrors, setFieldErrors] = useState<string[]>([]);
  const m = useMutation({
    mutationFn: (v: { plannedCompletionOn: string; reason?: string }) =>
      post<Detail>(`/api/decisions/items/${d.id}/plan`, {
        plannedCompletionOn: v.plannedCompletionOn,
        reason: v.reason?.trim() || undefined,
      }),
    onSuccess: (next) => {
      message.success(`计划完成时间已调整为 ${next.plannedCompletionOn}${published ? '，目录已公布新版本' : ''}`);
      qc.setQueryData(['decision', d.id], next);
      qc.invalidateQueries({ queryKey: ['decision-catalogs'] });
      qc.invalidateQueries({ queryKey: ['decision-items'] });
      qc.invalidateQueries({ queryKey: ['decision-catalog-public'] });
      onClose();
    },
    onMutate: () => setFieldErrors([]),
    onError: (e) => setFieldErrors(showServerFieldErrors(form, e)),
  });
  return (
    <Modal
      open
      title="调整计划完成时间"
      okText="确认调整"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={m.isPending}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          published
            ? '目录已公布：调整计划完成时间属于目录调整，须写明理由，并将公布新版本目录（第三条第三款；《上海市重大行政决策事项目录管理办法》第十八条）。'
            : '目录尚未公布，调整后以新的计划完成时间报请同级党委同意并公布。'
        }
      />
      {m.error && (
        <Alert
          type="error"
          showIcon
          title={fieldErrors.length ? fieldErrors.join('；') : (m.error as Error).message}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form
        form={form}
        name="planDate"
        layout="vertical"
        initialValues={{ plannedCompletionOn: d.plannedCompletionOn }}
        onFinish={(v) => m.mutate(v)}
      >
        <Typography.Paragraph>原计划完成时间：{d.plannedCompletionOn}</Typography.Paragraph>
        <Form.Item
          name="plannedCompletionOn"
          label="新的计划完成时间"
          rules={[{ required: true, message: '请填写新的计划完成时间' }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={published ? '调整理由' : '调整理由（可选）'}
          rules={published ? [{ required: true, whitespace: true, message: '请填写调整理由' }] : undefined}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
