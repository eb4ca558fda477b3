import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect } from 'react';
import type { IndicatorSourceDto } from '../../../../src/modules/indicators/indicators.contract';
import { api, get, post } from '../../shared/api';
import type { IndicatorRow } from './types';

export type NodeEdit = { mode: 'create'; parent: IndicatorRow | null } | { mode: 'edit'; node: IndicatorRow };

const KIND_OPTIONS = [
  { value: 'group', label: '指标分组（下设指标）' },
  { value: 'computed', label: '系统计算（引用业务模块的数据）' },
  { value: 'manual', label: '人工填报（须附佐证）' },
];

/** Add or edit one node of the indicator tree; the server's Chinese refusal is shown and the form kept. */
export function NodeModal({ edit, onClose }: { edit: NodeEdit | null; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const sources = useQuery({
    queryKey: ['indicator-sources'],
    queryFn: () => get<{ items: IndicatorSourceDto[] }>('/api/indicators/sources'),
  });
  useEffect(() => {
    if (!edit) return;
    form.resetFields();
    if (edit.mode === 'edit') {
      const n = edit.node;
      form.setFieldsValue({
        no: n.no,
        title: n.title,
        kind: n.kind,
        sourceCode: n.sourceCode ?? undefined,
        unit: n.unit ?? '',
        target: n.target,
        targetOp: n.targetOp ?? undefined,
        weight: n.weight,
      });
    } else {
      form.setFieldsValue({ kind: (edit.parent?.level ?? 0) >= 2 ? 'manual' : 'group', weight: 1 });
    }
  }, [edit, form]);
  const m = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const body = {
        no: v.no,
        title: v.title,
        kind: v.kind,
        sourceCode: v.kind === 'computed' ? (v.sourceCode ?? null) : null,
        unit: v.unit ? v.unit : null,
        target: v.target ?? null,
        targetOp: v.targetOp ?? null,
        weight: v.weight ?? 1,
      };
      return edit?.mode === 'edit'
        ? api('PUT', `/api/indicators/${edit.node.id}`, body)
        : post('/api/indicators/nodes', {
            ...body,
            parentId: edit?.mode === 'create' ? (edit.parent?.id ?? null) : null,
          });
    },
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['indicators'] });
      onClose();
    },
  });
  const title =
    edit?.mode === 'edit'
      ? `修改指标 ${edit.node.no}`
      : edit?.parent
        ? `在“${edit.parent.title}”下新增指标`
        : '新增一级指标';
  return (
    <Modal
      open={!!edit}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={m.isPending}
      okText="保存"
      cancelText="取消"
      forceRender
    >
      {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
      <Form form={form} name="indicator-node" layout="vertical" onFinish={(v) => m.mutate(v)}>
        <Form.Item name="no" label="编号" rules={[{ required: true, message: '请填写编号，例如 1.2.3' }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="title" label="指标名称" rules={[{ required: true, message: '请填写指标名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={KIND_OPTIONS} />
        </Form.Item>
        {kind === 'computed' && (
          <Form.Item name="sourceCode" label="数据来源" rules={[{ required: true, message: '请选择数据来源' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={(sources.data?.items ?? []).map((s) => ({
                value: s.code,
                label: `${s.label}（${s.code}${s.unit ? `，${s.unit}` : ''}）`,
              }))}
            />
          </Form.Item>
        )}
        {kind !== 'group' && (
          <>
            <Form.Item name="unit" label="计量单位（如 %、件、人次）">
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name="targetOp" label="目标比较方式（可不填）">
              <Select
                allowClear
                options={[
                  { value: '>=', label: '不低于' },
                  { value: '<=', label: '不高于' },
                  { value: '=', label: '等于' },
                ]}
              />
            </Form.Item>
            <Form.Item name="target" label="目标值（可不填）">
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        <Form.Item name="weight" label="权重" rules={[{ required: true, message: '请填写权重' }]}>
          <InputNumber min={0.01} max={100} step={0.5} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
