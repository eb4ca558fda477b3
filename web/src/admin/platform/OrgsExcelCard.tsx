import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Progress, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, post } from '../../shared/api';

interface RowError {
  row: number;
  column: string;
  message: string;
}

const toBase64 = (f: File, onProgress: (pct: number) => void) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 50));
    r.onload = () => resolve(String(r.result).split(',')[1] ?? '');
    r.onerror = () => reject(r.error);
    r.readAsDataURL(f);
  });

/** The organisation list as Excel: the template, the export, and an all-or-nothing import with row errors. */
export function OrgsExcelCard() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [pct, setPct] = useState<number | null>(null);
  const [err, setErr] = useState<{ message: string; rows: RowError[] } | null>(null);
  const imp = useMutation({
    mutationFn: async (f: File) => {
      setPct(0);
      const contentBase64 = await toBase64(f, setPct);
      setPct(60);
      return post<{ created: number }>('/api/orgs/import', { fileName: f.name, contentBase64 });
    },
    onSuccess: (r) => {
      setErr(null);
      setPct(100);
      message.success(`已导入 ${r.created} 个单位`);
      qc.invalidateQueries({ queryKey: ['orgs'] });
    },
    onError: (e) => {
      setPct(null);
      const rows = e instanceof ApiError ? ((e.details as { errors?: RowError[] } | null)?.errors ?? []) : [];
      setErr({ message: e instanceof ApiError ? e.message : '导入失败', rows });
    },
  });
  return (
    <Card title="Excel 导入导出" style={{ marginTop: 16 }}>
      <Typography.Paragraph>
        下载模板填写后导入；逐行校验，任何一行有错误，整个文件都不导入，并列出出错的行号和原因。
      </Typography.Paragraph>
      <Space wrap>
        <Button href="/api/orgs/template.xlsx">下载导入模板</Button>
        <Button href="/api/orgs/export.xlsx">导出单位名单</Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(f) => {
            imp.mutate(f);
            return false;
          }}
        >
          <Button type="primary" loading={imp.isPending}>
            导入单位（Excel）
          </Button>
        </Upload>
      </Space>
      {pct !== null && <Progress percent={pct} size="small" style={{ marginTop: 12 }} />}
      {err && (
        <>
          <Alert type="error" showIcon title={err.message} role="alert" style={{ marginTop: 12 }} />
          {err.rows.length > 0 && (
            <Table
              size="small"
              rowKey={(r) => `${r.row}-${r.column}`}
              pagination={false}
              style={{ marginTop: 8 }}
              dataSource={err.rows}
              columns={[
                { title: '行号', dataIndex: 'row', width: 70 },
                { title: '列', dataIndex: 'column', width: 120 },
                { title: '问题', dataIndex: 'message' },
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}
