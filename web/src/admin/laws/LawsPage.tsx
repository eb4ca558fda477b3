import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import type {
  LawImportFileErrors as FileErrors,
  LawListDto,
  LawSummaryDto as LawRow,
  LawImportSummaryDto as Summary,
} from '../../../../src/modules/laws/laws.contract';
import { ApiError, get, post } from '../../shared/api';

/** The law library: browse, and import Markdown statutes (all or nothing, problems listed line by line). */
export function LawsPage() {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const input = useRef<HTMLInputElement>(null);
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['laws', q, page],
    queryFn: () =>
      get<LawListDto & { abilities: Record<string, boolean> }>(
        `/api/laws?page=${page}&pageSize=20${q ? `&q=${encodeURIComponent(q)}` : ''}`,
      ),
  });
  const imp = useMutation({
    mutationFn: async (files: FileList) => {
      const payload = await Promise.all([...files].map(async (f) => ({ name: f.name, content: await f.text() })));
      return post<Summary>('/api/laws/import', { files: payload });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['laws'] }),
  });
  const fileErrors =
    imp.error instanceof ApiError ? ((imp.error.details as { files?: FileErrors[] } | null)?.files ?? []) : [];
  return (
    <>
      <Typography.Title level={2}>法律法规库</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="按标题查找"
          allowClear
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 280 }}
          aria-label="按标题查找"
        />
        {list.data?.abilities.import && (
          <>
            <input
              ref={input}
              type="file"
              accept=".md"
              multiple
              hidden
              aria-label="选择法规文件"
              onChange={(e) => e.target.files?.length && imp.mutate(e.target.files)}
            />
            <Button type="primary" loading={imp.isPending} onClick={() => input.current?.click()}>
              导入 Markdown 法规文件
            </Button>
          </>
        )}
      </Space>
      {imp.data && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={`导入 ${imp.data.imported} 部，未变化 ${imp.data.unchanged} 部，新版本 ${imp.data.newVersions} 部，标记待审查的规范性文件 ${imp.data.flaggedDocs} 件`}
        />
      )}
      {imp.error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={(imp.error as Error).message}
          description={
            <ul>
              {fileErrors.flatMap((f) =>
                f.errors.map((e) => (
                  <li key={`${f.name}-${e.line}-${e.message}`}>{`${f.name} 第${e.line}行：${e.message}`}</li>
                )),
              )}
            </ul>
          }
        />
      )}
      <Table<LawRow>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          { title: '标题', dataIndex: 'title', render: (t, r) => <a href={`/laws/${r.id}`}>{t}</a> },
          { title: '类别', dataIndex: 'category', width: 120 },
          { title: '版本日期', dataIndex: 'versionDate', width: 120 },
          { title: '条数', dataIndex: 'articleCount', width: 80 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            render: (s) => (
              <Tag color={s === 'current' ? 'green' : 'default'}>{s === 'current' ? '现行有效' : '已被修订'}</Tag>
            ),
          },
        ]}
      />
    </>
  );
}
