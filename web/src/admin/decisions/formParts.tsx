import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Radio, Select, Space } from 'antd';
import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { ApiError, get, post } from '../../shared/api';
import { useOrgs } from '../platform/useOrgs';
import type { DecisionDetailDto as Detail } from '../../../../src/modules/decisions/decisions.contract';
import type { ComputeResultDto, DeadlineRuleDto } from '../../../../src/platform/calendar/calendar.contract';

/** Shared pieces of the procedure forms (StepForms.tsx, ExecutionSteps.tsx, AdjustForm.tsx, PlanDateModal.tsx). */

/** Today in Beijing as YYYY-MM-DD (the statutory calendar's day). */
export const todayLocal = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** A statutory date from the public deadline calculator, so the form proposes what the law requires. */
export function useStatutoryDate(ruleId: string, date: string, pick: 'due' | 'minimumEnd') {
  return useQuery({
    queryKey: ['calendar-compute', ruleId, date],
    queryFn: async () => {
      const r = await post<ComputeResultDto>('/api/public/calendar/compute', {
        ruleId,
        date,
        ...(pick === 'minimumEnd' ? { endDate: date } : {}),
      });
      return r[pick];
    },
    staleTime: 3_600_000,
  });
}

/**
 * A statutory period as the rule in force states it ("30日", "7个工作日"): the [B] values are configurable, so
 * the hints quote the live rule (falling back to the documented default while it loads).
 */
export function useRulePeriod(ruleId: string, fallback: string): string {
  const q = useQuery({
    queryKey: ['calendar-rules'],
    queryFn: () => get<{ items: DeadlineRuleDto[] }>('/api/public/calendar/rules'),
    staleTime: 600_000,
  });
  const r = q.data?.items.find((x) => x.id === ruleId);
  return r ? `${r.amount}${r.unitLabel}` : fallback;
}

/** The live period as inline text, for hints that are plain nodes (a step's `fields` is not a component). */
export function RulePeriod({ ruleId, fallback }: { ruleId: string; fallback: string }) {
  return <>{useRulePeriod(ruleId, fallback)}</>;
}

export interface StepDef {
  /** Ability key from the server's abilities map. */
  ability: string;
  label: string;
  path: (d: Detail) => string;
  danger?: boolean;
  fields: (d: Detail, form: FormInstance) => ReactNode;
  /** Form values → request body. */
  toBody?: (v: Record<string, unknown>, d: Detail) => unknown;
}

export const req = (label: string) => [{ required: true, message: `请填写${label}` }];
export const date = (name: string, label: string, initial = true) => (
  <Form.Item name={name} label={label} rules={req(label)} initialValue={initial ? todayLocal() : undefined}>
    <Input type="date" />
  </Form.Item>
);
export const area = (name: string, label: string, rows = 3, required = true, extra?: string) => (
  <Form.Item name={name} label={label} rules={required ? req(label) : undefined} extra={extra}>
    <Input.TextArea rows={rows} />
  </Form.Item>
);
export const text = (name: string, label: string, required = true) => (
  <Form.Item name={name} label={label} rules={required ? req(label) : undefined}>
    <Input />
  </Form.Item>
);
export const yesNo = (name: string, label: string) => (
  <Form.Item name={name} label={label} rules={[{ required: true, message: `请选择：${label}` }]}>
    <Radio.Group
      options={[
        { value: true, label: '是' },
        { value: false, label: '否' },
      ]}
    />
  </Form.Item>
);
export const reason = (label = '理由') => area('reason', label, 2);

export function OrgSelect({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const orgs = useOrgs();
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'label' }}
      options={(orgs.data?.items ?? [])
        .filter((o) => o.active && o.kind !== 'section')
        .map((o) => ({ value: o.id, label: o.name }))}
    />
  );
}

/** A repeatable group of fields (alternatives, expert opinions, meeting members, execution tasks). */
export function Rows({
  name,
  add,
  children,
}: {
  name: string;
  add: string;
  children: (field: { name: number }) => ReactNode;
}) {
  return (
    <Form.List name={name}>
      {(fields, { add: push, remove }) => (
        <>
          {fields.map((f) => (
            <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
              {children({ name: f.name })}
              <MinusCircleOutlined aria-label="删除此行" onClick={() => remove(f.name)} style={{ marginTop: 8 }} />
            </Space>
          ))}
          <Button type="dashed" onClick={() => push()} icon={<PlusOutlined />}>
            {add}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/**
 * Puts the server's refusal on the field it names, so the message shows where it is corrected: a 422 names one
 * field in `details.field` ("carryReasons.participation", "rerun", "reason"), a 400 lists zod issues with theirs.
 * Only fields the form actually shows are marked. Returns the Chinese messages placed (empty: none matched, the
 * caller shows the server's whole message).
 */
export function showServerFieldErrors(form: FormInstance, error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  const d = (error.details ?? {}) as { field?: unknown; issues?: { field?: string; message?: string }[] };
  const found: { field: string; message: string }[] = [];
  if (typeof d.field === 'string') found.push({ field: d.field, message: error.message });
  for (const i of d.issues ?? []) if (i.field) found.push({ field: i.field, message: i.message ?? error.message });
  const shown = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const fields = found
    .filter((f) => shown.has(f.field))
    .map((f) => ({ name: f.field.split('.'), errors: [f.message] }));
  if (fields.length) form.setFields(fields);
  return fields.map((f) => f.errors[0]);
}
