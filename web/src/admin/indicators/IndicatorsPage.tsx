import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, InputNumber, Popconfirm, Space, Table, Tag, TreeSelect, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { del, get, post } from '../../shared/api';
import { toTree, useOrgs } from '../platform/useOrgs';
import { EntryModal } from './EntryModal';
import { type NodeEdit, NodeModal } from './NodeModal';
import type { IndicatorTreeDto as TreeResponse } from '../../../../src/modules/indicators/indicators.contract';
import { type IndicatorRow, KIND_ZH } from './types';

function SourceTag({ v }: { v: IndicatorRow }) {
  if (v.kind === 'group') return null;
  const color = v.provenance === 'computed' ? 'blue' : v.provenance === 'manual' ? 'purple' : 'default';
  return <Tag color={color}>{v.provenanceLabel}</Tag>;
}

/** Records behind a figure (drill-down) and the evidence of a manual entry. */
function Detail({ v }: { v: IndicatorRow }) {
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <span>{`类型：${KIND_ZH[v.kind]}${v.sourceCode ? `（数据来源 ${v.sourceCode}）` : ''}；依据：${v.basis || '—'}`}</span>
      {v.evidence && <span>{`佐证说明：${v.evidence}`}</span>}
      {v.records.length > 0 && (
        <span>
          {`所依据的记录（共 ${v.recordCount} 条）：`}
          {v.records.map((r, i) => (
            <span key={`${r.kind}-${r.id}`}>
              {i > 0 && '、'}
              {r.link ? <a href={r.link}>{r.label}</a> : r.label}
            </span>
          ))}
        </span>
      )}
    </Space>
  );
}

/** The indicator tree: figures for a year and a unit (computed / manual labelled), editing of the tree, manual entry. */
export function IndicatorsPage() {
  const qc = useQueryClient();
  // Drill-down from the dashboard: ?year=2024&orgId=…&focus=<indicator id> opens that year with the indicator expanded.
  const [sp] = useSearchParams();
  const [year, setYear] = useState(Number(sp.get('year')) || new Date().getFullYear() - 1);
  const [orgId, setOrgId] = useState<string | undefined>(sp.get('orgId') ?? undefined);
  const focus = sp.get('focus');
  const [edit, setEdit] = useState<NodeEdit | null>(null);
  const [entry, setEntry] = useState<IndicatorRow | null>(null);
  const orgs = useOrgs();
  const q = useQuery({
    queryKey: ['indicators', year, orgId ?? ''],
    queryFn: () => get<TreeResponse>(`/api/indicators?year=${year}${orgId ? `&orgId=${orgId}` : ''}`),
  });
  const defaults = useMutation({
    mutationFn: () => post<{ created: number }>('/api/indicators/defaults'),
    onSuccess: (r) => {
      message.success(`已载入 ${r.created} 项指标`);
      qc.invalidateQueries({ queryKey: ['indicators'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => del(`/api/indicators/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['indicators'] }),
    onError: (e) => message.error((e as Error).message),
  });
  const d = q.data;
  useEffect(() => {
    if (focus && d) document.querySelector(`[data-row-key="${focus}"]`)?.scrollIntoView({ block: 'center' });
  }, [focus, d]);
  const rootId = orgs.data?.items.find((o) => o.parentId === null)?.id ?? null;
  const entryOrg = d?.orgId ?? rootId;
  return (
    <>
      <Typography.Title level={2}>指标体系</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="ind-year">年度</label>
        <InputNumber id="ind-year" min={2000} max={2100} value={year} onChange={(v) => v && setYear(Number(v))} />
        <label htmlFor="ind-org">单位</label>
        <TreeSelect
          id="ind-org"
          style={{ minWidth: 260 }}
          allowClear
          treeDefaultExpandAll
          placeholder={d?.orgName ?? '本单位'}
          value={orgId}
          onChange={(v) => setOrgId(v ?? undefined)}
          treeData={toTree(orgs.data?.items ?? [])}
        />
        <span>{d ? `当前：${d.orgName}` : ''}</span>
        {d?.abilities.manageTree && (
          <>
            <Button onClick={() => setEdit({ mode: 'create', parent: null })}>新增一级指标</Button>
            <Button loading={defaults.isPending} onClick={() => defaults.mutate()}>
              载入默认指标体系
            </Button>
          </>
        )}
      </Space>
      <Typography.Paragraph type="secondary">
        “系统计算”的数值由业务记录实时计算，可展开查看所依据的记录；“人工填报”的数值须附佐证说明；来源模块未启用的指标显示“数据来源模块未启用”。
      </Typography.Paragraph>
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      <Table<IndicatorRow>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        pagination={false}
        dataSource={d?.items ?? []}
        expandable={{
          rowExpandable: (v) => v.kind !== 'group',
          expandedRowRender: (v) => <Detail v={v} />,
          defaultExpandedRowKeys: focus ? [focus] : [],
        }}
        rowClassName={(v) => (v.id === focus ? 'ant-table-row-selected' : '')}
        columns={[
          { title: '编号', dataIndex: 'no', width: 90 },
          {
            title: '指标',
            render: (_, v) => (
              <span style={{ paddingLeft: (v.level - 1) * 24, fontWeight: v.kind === 'group' ? 600 : 400 }}>
                {v.title}
              </span>
            ),
          },
          { title: '权重', dataIndex: 'weight', width: 70 },
          {
            title: '数值',
            render: (_, v) => (v.kind === 'group' ? '' : v.value === null ? '—' : `${v.value}${v.unit ?? ''}`),
          },
          {
            title: '目标',
            render: (_, v) => (v.target === null ? '' : `${v.targetOp} ${v.target}${v.unit ?? ''}`),
          },
          { title: '来源', render: (_, v) => <SourceTag v={v} /> },
          {
            title: '达标',
            render: (_, v) => (v.meetsTarget === null ? '' : v.meetsTarget ? '达标' : '未达标'),
          },
          {
            title: '操作',
            render: (_, v) => (
              <Space wrap size={4}>
                {v.kind === 'manual' && d?.abilities.enter && (
                  <Button size="small" type="primary" onClick={() => setEntry(v)}>
                    {`填报 ${v.no}`}
                  </Button>
                )}
                {d?.abilities.manageTree && (
                  <>
                    <Button size="small" onClick={() => setEdit({ mode: 'edit', node: v })}>
                      {`修改 ${v.no}`}
                    </Button>
                    {v.kind === 'group' && v.level < 3 && (
                      <Button size="small" onClick={() => setEdit({ mode: 'create', parent: v })}>
                        添加下级
                      </Button>
                    )}
                    <Popconfirm
                      title={`删除指标 ${v.no}？`}
                      okText="删除"
                      cancelText="取消"
                      onConfirm={() => remove.mutate(v.id)}
                    >
                      <Button size="small" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <NodeModal edit={edit} onClose={() => setEdit(null)} />
      <EntryModal node={entry} year={year} orgId={entryOrg} orgName={d?.orgName ?? ''} onClose={() => setEntry(null)} />
    </>
  );
}
