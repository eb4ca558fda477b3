import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { post } from '../../shared/api';

export interface Field {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'number' | 'select' | 'checkboxes';
  options?: { value: string | boolean; label: string }[];
  required?: boolean;
}

/** A workflow action: a button, a small form when the step needs input, one POST, then a refresh. */
export function ActionButton(props: {
  label: string;
  url: string;
  fields?: Field[];
  queryKey: unknown[];
  primary?: boolean;
  danger?: boolean;
  initial?: Record<string, unknown>;
}) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: (body: Record<string, unknown>) => post(props.url, body),
    onSuccess: () => {
      setOpen(false);
      qc.invalidateQueries({ queryKey: props.queryKey });
    },
  });
  const submit = (v: Record<string, unknown>) => {
    const body: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) {
      if (val === undefined || val === '') continue;
      body[k] =
        val && typeof val === 'object' && 'format' in (val as object) ? (val as Dayjs).format('YYYY-MM-DD') : val;
    }
    m.mutate(body);
  };
  if (!props.fields?.length) {
    return (
      <>
        <Button
          type={props.primary ? 'primary' : 'default'}
          danger={props.danger}
          loading={m.isPending}
          onClick={() => m.mutate({})}
        >
          {props.label}
        </Button>
        {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginTop: 8 }} />}
      </>
    );
  }
  return (
    <>
      <Button type={props.primary ? 'primary' : 'default'} danger={props.danger} onClick={() => setOpen(true)}>
        {props.label}
      </Button>
      <Modal
        title={props.label}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="提交"
        confirmLoading={m.isPending}
        width={640}
      >
        {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit} initialValues={props.initial}>
          {props.fields.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.label}
              rules={f.required === false ? [] : [{ required: true, message: `请填写${f.label}` }]}
            >
              {f.kind === 'text' ? (
                <Input />
              ) : f.kind === 'textarea' ? (
                <Input.TextArea rows={4} />
              ) : f.kind === 'date' ? (
                <DatePicker style={{ width: '100%' }} />
              ) : f.kind === 'number' ? (
                <InputNumber min={0} style={{ width: '100%' }} />
              ) : f.kind === 'checkboxes' ? (
                <Checkbox.Group options={(f.options ?? []).map((o) => ({ value: String(o.value), label: o.label }))} />
              ) : (
                <Select options={f.options} />
              )}
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}
