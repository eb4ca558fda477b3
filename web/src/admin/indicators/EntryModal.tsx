import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { api } from '../../shared/api';
import type { IndicatorRow } from './types';

/** A manual figure for one year and one unit, always with its evidence (where the number comes from). */
export function EntryModal({
  node,
  year,
  orgId,
  orgName,
  onClose,
}: {
  node: IndicatorRow | null;
  year: number;
  orgId: string | null;
  orgName: string;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const [form] = Form.useForm();
  useEffect(() => {
    if (!node) return;
    form.resetFields();
    form.setFieldsValue({ value: node.provenance === 'manual' ? node.value : null, evidence: node.evidence ?? '' });
  }, [node, form]);
  const m = useMutation({
    mutationFn: (v: { value: number; evidence: string; linkTitle?: string; linkUrl?: string }) =>
      api('PUT', `/api/indicators/${node!.id}/entries`, {
        year,
        orgId,
        value: v.value,
        evidence: v.evidence,
        links: v.linkUrl ? [{ title: v.linkTitle || v.linkUrl, url: v.linkUrl }] : [],
      }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['indicators'] });
      onClose();
    },
  });
  return (
    <Modal
      open={!!node}
      title={node ? `人工填报：${node.no} ${node.title}` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={m.isPending}
      okText="保存填报"
      cancelText="取消"
      forceRender
    >
      <Typography.Paragraph>{`${orgName}，${year} 年度。人工填报的数值在指标体系和年度报告中均标注为“人工填报”，并显示佐证说明。`}</Typography.Paragraph>
      {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
      <Form form={form} name="indicator-entry" layout="vertical" onFinish={(v) => m.mutate(v)}>
        <Form.Item
          name="value"
          label={`数值${node?.unit ? `（${node.unit}）` : ''}`}
          rules={[{ required: true, message: '请填写数值' }]}
        >
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="evidence"
          label="佐证说明（数据来源、统计口径、文件名称）"
          rules={[{ required: true, message: '请填写佐证说明' }]}
        >
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="linkTitle" label="佐证材料名称（可不填）">
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="linkUrl" label="佐证材料地址（可不填）">
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
