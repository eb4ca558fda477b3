import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useNavigate } from 'react-router';
import type { IssuingBodyDto } from '../../../../src/modules/normative-docs/normative-docs.contract';
import { get, post } from '../../shared/api';
import { type BasisValue, BasisPicker } from './BasisPicker';

/**
 * 补录: a document the unit published before it used the platform, with its original number and dates. It is
 * labelled as entered afterwards wherever it is shown and counted.
 */
export function HistoricalEntryModal({ onClose }: { onClose: () => void }) {
  const nav = useNavigate();
  const [form] = Form.useForm();
  const bodies = useQuery({
    queryKey: ['issuing-bodies'],
    queryFn: () => get<{ items: IssuingBodyDto[] }>('/api/normative-docs/issuing-bodies'),
  });
  const m = useMutation({
    mutationFn: (v: Record<string, unknown>) => post<{ id: string }>('/api/normative-docs/historical', v),
    onSuccess: (r) => nav(`/admin/normative-docs/${r.id}`),
  });
  const date = (name: string, label: string, required = true) => (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, message: `请填写${label}` }] : []}>
      <Input type="date" id={`historical_${name}`} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title="补录已公布的规范性文件"
      width={720}
      okText="补录"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={m.isPending}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="用于本平台启用前已公布的文件：按原文号、原日期录入，系统标注为“补录”，并记录补录人和说明。新制定的文件请按程序起草。"
      />
      {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={({ bases, ...v }: { bases?: BasisValue[] } & Record<string, unknown>) =>
          m.mutate({
            ...Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')),
            bases: (bases ?? []).map((b) => ({ lawId: b.lawId, articles: b.articles.trim() })),
          })
        }
      >
        <Form.Item name="orgId" label="制定机关" rules={[{ required: true, message: '请选择制定机关' }]}>
          <Select
            options={(bodies.data?.items ?? []).map((b) => ({ value: b.orgId, label: b.orgName }))}
            id="historical_orgId"
          />
        </Form.Item>
        <Form.Item name="title" label="文件标题" rules={[{ required: true, message: '请填写文件标题' }]}>
          <Input id="historical_title" />
        </Form.Item>
        <Form.Item name="registrationNo" label="原文号" rules={[{ required: true, message: '请填写原文号' }]}>
          <Input id="historical_registrationNo" placeholder="例如：示市监规〔2023〕2号" />
        </Form.Item>
        {date('publishedOn', '公布日期')}
        {date('effectiveOn', '施行日期（不填则为公布日期）', false)}
        {date('validUntil', '有效期截止日期（不填则按有效期上限计算）', false)}
        <Form.Item name="body" label="文件正文" rules={[{ required: true, message: '请填写文件正文' }]}>
          <Input.TextArea rows={6} id="historical_body" />
        </Form.Item>
        <Form.Item name="interpretation" label="政策解读（如有）">
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="bases" label="制定依据（从法律法规库选择，至少一部）">
          <BasisPicker />
        </Form.Item>
        <Form.Item name="reason" label="补录说明" rules={[{ required: true, message: '请填写补录说明' }]}>
          <Input.TextArea
            rows={2}
            id="historical_reason"
            placeholder="例如：平台启用前已公布施行的文件，按原文号、原日期补录"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
