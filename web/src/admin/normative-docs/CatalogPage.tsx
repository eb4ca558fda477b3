import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { get, post } from '../../shared/api';
import { CatalogEntries } from './CatalogEntries';
import type {
  StaffCatalogDto as Catalog,
  StaffCatalogListDto,
} from '../../../../src/modules/normative-docs/normative-docs.contract';
import { CATALOG_SECTIONS } from './types';

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 8 }, (_, i) => thisYear - i);

function PublishButton({ c }: { c: Catalog }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: (v: { reason?: string }) => post('/api/normative-catalogs', { orgId: c.orgId, year: c.year, ...v }),
    onSuccess: () => {
      setOpen(false);
      qc.invalidateQueries({ queryKey: ['normative-catalogs'] });
    },
  });
  if (!c.abilities.publish || (c.published && !c.changedSincePublished)) return null;
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        {c.published ? '更正并重新公布' : '公布目录'}
      </Button>
      <Modal
        title={`${c.published ? '更正并重新公布' : '公布'}：${c.title}`}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="公布"
        confirmLoading={m.isPending}
        width={640}
      >
        {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph>
          公布后目录将在门户“规范性文件目录”栏目公开，并上链存证。本目录共
          {CATALOG_SECTIONS.map((s) => `${s.label} ${c.counts[s.key]} 件`).join('、')}。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)}>
          {c.published && (
            <Form.Item
              name="reason"
              label="更正理由"
              rules={[{ required: true, message: '请填写更正理由（至少 4 个字）' }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

/**
 * 年度规范性文件目录: per issuing body and year, the documents made, amended, repealed and lapsed, computed from
 * the record; the body publishes it (by 31 January of the following year) and may correct it later.
 */
export function CatalogPage() {
  const [year, setYear] = useState(thisYear - 1);
  const [orgId, setOrgId] = useState<string | undefined>();
  const q = useQuery({
    queryKey: ['normative-catalogs', year],
    queryFn: () => get<StaffCatalogListDto>(`/api/normative-catalogs?year=${year}`),
  });
  const items = (q.data?.items ?? []).filter((c) => !orgId || c.orgId === orgId);
  return (
    <>
      <Typography.Title level={2}>年度规范性文件目录</Typography.Title>
      <Typography.Paragraph style={{ fontSize: 16 }}>
        各制定机关应于次年{' '}
        {q.data?.dueOn ? `${q.data.dueOn.slice(5, 7)} 月 ${q.data.dueOn.slice(8, 10)} 日` : '1 月 31 日'}
        前公布上一年度制定、修改、废止的规范性文件目录（《上海市人民代表大会常务委员会规范性文件备案审查条例》第十三条）。
        目录由系统根据文件记录生成。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="年度"
          style={{ width: 140 }}
          value={year}
          onChange={setYear}
          options={YEARS.map((y) => ({ value: y, label: `${y} 年度` }))}
        />
        <Select
          aria-label="制定机关"
          style={{ width: 240 }}
          allowClear
          placeholder="全部制定机关"
          value={orgId}
          onChange={setOrgId}
          options={(q.data?.items ?? []).map((c) => ({ value: c.orgId, label: c.orgName }))}
        />
      </Space>
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      <Table<Catalog>
        rowKey="orgId"
        loading={q.isLoading}
        dataSource={items}
        pagination={false}
        expandable={{ expandedRowRender: (c) => <CatalogEntries c={c} admin /> }}
        columns={[
          { title: '制定机关', dataIndex: 'orgName', width: 180 },
          ...CATALOG_SECTIONS.map((s) => ({
            title: s.label,
            key: s.key,
            width: 70,
            render: (_: unknown, c: Catalog) => c.counts[s.key],
          })),
          { title: '公布期限', dataIndex: 'dueOn', width: 120 },
          {
            title: '状态',
            key: 'status',
            render: (_, c) => (
              <Space wrap>
                {c.published ? (
                  <Tag color="green">
                    已公布第 {c.published.version} 版（{c.published.publishedOn}）
                  </Tag>
                ) : (
                  <Tag color={c.overdue ? 'red' : 'blue'}>{c.overdue ? '逾期未公布' : '待公布'}</Tag>
                )}
                {c.published?.late && <Tag color="orange">逾期公布</Tag>}
                {c.changedSincePublished && <Tag color="orange">记录已变化，需更正</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 260,
            render: (_, c) => (
              <Space wrap>
                <PublishButton c={c} />
                {c.published && (
                  <a href={`/api/normative-catalogs/${c.published.id}/docx`} style={{ textDecoration: 'underline' }}>
                    下载公文（DOCX）
                  </a>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
