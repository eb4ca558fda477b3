import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio, message } from 'antd';
import { post } from '../../../shared/api';

export interface Field {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'choice';
  required?: string;
  /** Not required (e.g. reasons needed only for one of the choices; the server says when). */
  optional?: boolean;
  choices?: { value: string | boolean; label: string }[];
}

export const todayText = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/**
 * One business action of the inspection workflow as a small form: the fields, the endpoint, and the server's
 * Chinese error shown as-is (nothing is cleared when the server refuses).
 */
export function ActionForm({
  id,
  title,
  url,
  fields,
  extra,
  submitLabel,
  invalidate,
  done,
}: {
  id: string;
  title: string;
  url: string;
  fields: Field[];
  extra?: Record<string, unknown>;
  submitLabel: string;
  invalidate: unknown[];
  done: string;
}) {
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const m = useMutation({
    mutationFn: (v: Record<string, unknown>) => post(url, { ...v, ...extra }),
    onSuccess: () => {
      message.success(done);
      form.resetFields();
      qc.invalidateQueries({ queryKey: invalidate });
    },
  });
  const initial = Object.fromEntries(fields.filter((f) => f.kind === 'date').map((f) => [f.name, todayText()]));
  return (
    <Card title={title} size="small" style={{ marginBottom: 12 }}>
      <Form form={form} name={id} layout="vertical" initialValues={initial} onFinish={(v) => m.mutate(v)}>
        {fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            rules={f.optional ? [] : [{ required: true, message: f.required ?? `请填写${f.label}` }]}
          >
            {f.kind === 'textarea' ? (
              <Input.TextArea rows={3} maxLength={8000} />
            ) : f.kind === 'date' ? (
              <Input type="date" />
            ) : f.kind === 'choice' ? (
              <Radio.Group options={(f.choices ?? []).map((c) => ({ value: c.value, label: c.label }))} />
            ) : (
              <Input maxLength={500} />
            )}
          </Form.Item>
        ))}
        {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={m.isPending}>
          {submitLabel}
        </Button>
      </Form>
    </Card>
  );
}
