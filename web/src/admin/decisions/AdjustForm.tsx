import { Alert, Checkbox, Form, Input, Typography } from 'antd';
import type { FormInstance } from 'antd';
import {
  ADJUSTMENT_RERUN,
  type AdjustableStage,
  STATUS_LABELS,
  triggeredStages,
} from '../../../../src/modules/decisions/decisions.contract';
import type { StepDef } from './formParts';
import type { DecisionDetailDto as Detail } from '../../../../src/modules/decisions/decisions.contract';

/**
 * The adjustment form (Art 37: "需要作出重大调整的，应当依照本条例履行相关法定程序"). The table of what a round
 * always re-runs and what only when the adjustment touches it is the server's own ADJUSTMENT_RERUN; the body
 * sent is `{ reason, rerun, carryReasons }` (see AdjustBody in decisions.schemas.ts).
 */

/** The procedures every adjustment runs again, in statutory order (execution follows publication as before). */
const ALWAYS = (Object.entries(ADJUSTMENT_RERUN) as [keyof typeof ADJUSTMENT_RERUN, { rule: string; basis: string }][])
  .filter(([stage, r]) => r.rule === 'always' && stage !== 'executing')
  .map(([stage, r]) => ({ stage, label: STATUS_LABELS[stage], basis: r.basis }));

/** The conditional procedures whose trigger applies to this item (the ones an adjustment may leave out). */
const optionalFor = (d: Detail) =>
  triggeredStages({ isTechnical: d.isTechnical, affectsStability: d.affectsStability, confidential: d.confidential });

/** A procedure can be carried only if an earlier round has a record of it (otherwise the server refuses: `rerun`). */
const hasRecord = (d: Detail, s: AdjustableStage) => d.stages.some((r) => r.stage === s);

function AdjustFields({ d, form }: { d: Detail; form: FormInstance }) {
  const optional = optionalFor(d);
  const rerun: AdjustableStage[] = Form.useWatch('rerun', form) ?? optional;
  const carried = optional.filter((s) => !rerun.includes(s));
  return (
    <>
      <Form.Item
        name="reason"
        label="调整理由"
        rules={[{ required: true, whitespace: true, message: '请填写调整理由' }]}
      >
        <Input.TextArea rows={2} />
      </Form.Item>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="第三十七条：决策需要作出重大调整的，应当依照本条例履行相关法定程序。"
        description={
          <>
            <div>调整将开始新一轮程序，以下程序每次调整均须重新履行，不可选择：</div>
            <ul aria-label="每次调整均须重新履行的程序" style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {ALWAYS.map((a) => (
                <li key={a.stage}>
                  {a.label}（{a.basis}）
                </li>
              ))}
            </ul>
          </>
        }
      />
      {optional.length === 0 ? (
        <Typography.Paragraph type="secondary">
          本事项不需要履行公众参与、专家论证或风险评估程序（未触发第十四条、第十九条、第二十二条规定的情形），无需另行选择。
        </Typography.Paragraph>
      ) : (
        <Form.Item
          name="rerun"
          label="本次调整涉及、须重新履行的程序（默认全部重新履行；不涉及的可取消勾选并说明理由）"
          initialValue={optional}
        >
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
            {optional.map((s) => (
              <Checkbox key={s} value={s} disabled={!hasRecord(d, s)}>
                {STATUS_LABELS[s]}
                <Typography.Text type="secondary">
                  （{ADJUSTMENT_RERUN[s].basis}；须重新履行的情形：{ADJUSTMENT_RERUN[s].touchedWhen}
                  {hasRecord(d, s) ? '' : '；此前没有该程序的记录，本轮须重新履行'}）
                </Typography.Text>
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
      )}
      {carried.map((s) => (
        <Form.Item
          key={s}
          name={['carryReasons', s]}
          label={`不重新履行${STATUS_LABELS[s]}的理由`}
          rules={[{ required: true, whitespace: true, message: `请说明不重新履行${STATUS_LABELS[s]}的理由` }]}
          extra={`本轮沿用此前的${STATUS_LABELS[s]}记录，理由随调整记录上链存证。`}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      ))}
    </>
  );
}

/** Form values → AdjustBody: every conditional procedure either re-run or carried with its reason. */
export function adjustBody(v: Record<string, unknown>, d: Detail) {
  const optional = optionalFor(d);
  const rerun = ((v.rerun as AdjustableStage[] | undefined) ?? optional).filter((s) => optional.includes(s));
  const given = (v.carryReasons ?? {}) as Partial<Record<AdjustableStage, string>>;
  const carryReasons = Object.fromEntries(
    optional.filter((s) => !rerun.includes(s)).map((s) => [s, (given[s] ?? '').trim()]),
  );
  return { reason: v.reason, rerun, ...(Object.keys(carryReasons).length ? { carryReasons } : {}) };
}

export const ADJUST_STEP: StepDef = {
  ability: 'adjust',
  label: '调整决策（重新履行相关程序）',
  path: () => 'adjust',
  danger: true,
  fields: (d, form) => <AdjustFields d={d} form={form} />,
  toBody: adjustBody,
};
