import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Progress, Select, Space, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { PlanDetailDto, UnitMatchDto } from '../../../../src/modules/plan/plan.contract';
import { get, patch, post } from '../../shared/api';
import type { OrgDto } from '../../../../src/modules/identity/identity.contract';
import { WeightControl } from './WeightControl';

type Detail = PlanDetailDto;
type Item = Detail['items'][number];
type Unit = UnitMatchDto;

/** A plan: chapters and items with progress; the review of unmatched unit names; decomposition into tasks. */
export function PlanDetailPage() {
  const { id } = useParams();
  const qc = useQueryClient();
  const key = ['plan', id];
  const q = useQuery({ queryKey: key, queryFn: () => get<Detail>(`/api/plan/plans/${id}`) });
  const orgs = useQuery({
    queryKey: ['orgs'],
    queryFn: () => get<{ items: OrgDto[] }>('/api/orgs'),
  });
  const [due, setDue] = useState('2025-12-31');
  const resolve = useMutation({
    mutationFn: (v: { unitId: string; orgId?: string }) =>
      patch(
        `/api/plan/units/${v.unitId}`,
        v.orgId ? { orgId: v.orgId } : { ignore: true, reason: '不在本区政府单位树中' },
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
  const decompose = useMutation({
    mutationFn: () => post<{ created: number }>(`/api/plan/plans/${id}/decompose`, { dueDate: due }),
    onSuccess: (r) => {
      message.success(`已生成 ${r.created} 项任务`);
      qc.invalidateQueries({ queryKey: key });
    },
  });
  const d = q.data;
  if (!d) return q.error ? <Alert type="error" showIcon title={(q.error as Error).message} /> : null;
  const unmatched = [
    ...new Map(
      d.items
        .flatMap((i) => i.units)
        // A stored plan's units all have an id (null only in an import preview).
        .filter((u): u is Unit & { id: string } => u.resolution === 'unmatched' && u.id !== null)
        .map((u) => [u.rawName, u]),
    ).values(),
  ];
  const err = (resolve.error ?? decompose.error) as Error | null;
  return (
    <>
      <Typography.Title level={2}>{d.title}</Typography.Title>
      <Typography.Paragraph>
        {d.docNo} 总体进度：
        <Progress percent={d.progress ?? 0} style={{ width: 300, display: 'inline-flex' }} />
      </Typography.Paragraph>
      {err && <Alert type="error" showIcon title={err.message} style={{ marginBottom: 16 }} />}
      {d.abilities.manage && unmatched.length > 0 && (
        <Card
          title={`责任单位确认（${unmatched.length} 个名称未能对应到单位）`}
          size="small"
          style={{ marginBottom: 16 }}
        >
          {unmatched.map((u) => (
            <Space key={u.id} style={{ display: 'flex', marginBottom: 8 }}>
              <strong style={{ width: 160, display: 'inline-block' }}>{u.rawName}</strong>
              <Select
                aria-label={`${u.rawName}对应的单位`}
                style={{ width: 260 }}
                placeholder="选择对应的单位"
                showSearch={{ optionFilterProp: 'label' }}
                options={(orgs.data?.items ?? [])
                  .filter((o) => o.kind !== 'section')
                  .map((o) => ({ value: o.id, label: o.name }))}
                onChange={(v: string) => resolve.mutate({ unitId: u.id, orgId: v })}
              />
              <Button onClick={() => resolve.mutate({ unitId: u.id })}>不纳入分解</Button>
            </Space>
          ))}
        </Card>
      )}
      {d.abilities.manage && (
        <Space style={{ marginBottom: 16 }}>
          <label htmlFor="plan-due">任务完成期限</label>
          <DatePicker id="plan-due" onChange={(_, s) => typeof s === 'string' && s && setDue(s)} placeholder={due} />
          <Button
            type="primary"
            disabled={unmatched.length > 0}
            loading={decompose.isPending}
            onClick={() => decompose.mutate()}
          >
            分解任务到责任单位
          </Button>
        </Space>
      )}
      <Typography.Paragraph type="secondary">
        进度汇总：条目为其任务进度的加权平均，章节为有任务条目的加权平均，方案为章节的加权平均（权重默认 1
        {d.abilities.manage ? '，可在章节标题栏和条目的“权重”列调整，调整记入审计日志' : ''}）。
      </Typography.Paragraph>
      {d.chapters.map((c) => (
        <Card
          key={c.id}
          size="small"
          style={{ marginBottom: 12 }}
          title={`${c.numeral}、${c.title}`}
          extra={
            <Space>
              {d.abilities.manage ? (
                <>
                  <span>章节权重</span>
                  <WeightControl
                    planId={d.id}
                    level="chapter"
                    targetId={c.id}
                    current={c.weight}
                    label={`${c.numeral}、${c.title}`}
                    invalidate={[key]}
                  />
                </>
              ) : (
                <span>{`权重 ${c.weight}`}</span>
              )}
              <span>{c.progress === null ? '进度 —' : `进度 ${c.progress}%`}</span>
            </Space>
          }
        >
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.items.filter((i) => i.chapterId === c.id)}
            columns={[
              { title: '条目', render: (_: unknown, i: Item) => `（${i.numeral}）${i.title}`, width: '35%' },
              {
                title: '责任单位',
                render: (_: unknown, i: Item) =>
                  i.general
                    ? '总体要求'
                    : i.units.map((u) => (
                        <Tag
                          key={u.id}
                          color={
                            u.resolution === 'unmatched'
                              ? 'red'
                              : u.resolution === 'ignored'
                                ? 'default'
                                : u.lead
                                  ? 'blue'
                                  : undefined
                          }
                        >
                          {u.orgName ?? u.groupLabel ?? u.rawName}
                        </Tag>
                      )),
              },
              {
                title: '权重',
                width: d.abilities.manage ? 170 : 70,
                render: (_: unknown, i: Item) =>
                  i.general ? (
                    '—'
                  ) : d.abilities.manage ? (
                    <WeightControl
                      planId={d.id}
                      level="item"
                      targetId={i.id}
                      current={i.weight}
                      label={`（${i.numeral}）${i.title}`}
                      invalidate={[key]}
                    />
                  ) : (
                    i.weight
                  ),
              },
              {
                title: '进度',
                dataIndex: 'progress',
                width: 90,
                render: (p: number | null) => (p === null ? '—' : `${p}%`),
              },
            ]}
          />
        </Card>
      ))}
    </>
  );
}
