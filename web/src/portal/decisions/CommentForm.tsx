import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Result, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import type { DecisionCommentReceiptDto } from '../../../../src/modules/decisions/decisions.contract';
import { post } from '../../shared/api';
import { CommentFields } from '../shared/CommentFields';

const MAX_FILES = 3;
const MAX_BYTES = 2 * 1024 * 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.txt';

async function toBase64(f: File): Promise<string> {
  const bytes = new Uint8Array(await f.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The public comment form: anonymous, individual or organisation; attachments; a receipt number to keep. */
export function CommentForm({ participationId }: { participationId: string }) {
  const [form] = Form.useForm();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: async (v: {
      submitterKind: string;
      name?: string;
      contact?: string;
      body: string;
      website?: string;
    }) => {
      const attachments = await Promise.all(
        files.map(async (f) => ({
          name: f.name,
          mime: f.type || 'application/octet-stream',
          dataBase64: await toBase64(f.originFileObj as File),
        })),
      );
      return post<DecisionCommentReceiptDto>(`/api/public/decisions/participations/${participationId}/comments`, {
        submitterKind: v.submitterKind,
        name: v.submitterKind === 'anonymous' ? undefined : v.name,
        contact: v.contact || undefined,
        body: v.body,
        attachments,
        website: v.website || undefined,
      });
    },
  });
  if (m.data)
    return (
      <Result
        status="success"
        title="意见已提交，感谢您的参与"
        subTitle={
          <span style={{ fontSize: 16 }}>
            回执号：<strong data-testid="receipt-no">{m.data.receiptNo}</strong>
            。请妥善保存，意见经审核后公开，征求意见结束后可在本页查看采纳情况。
          </span>
        }
        extra={
          <Button
            onClick={() => {
              m.reset();
              form.resetFields();
              setFiles([]);
            }}
          >
            再提一条意见
          </Button>
        }
      />
    );
  return (
    <Form
      form={form}
      name="comment"
      layout="vertical"
      initialValues={{ submitterKind: 'anonymous' }}
      onFinish={(v) => m.mutate(v)}
      style={{ fontSize: 16 }}
    >
      <CommentFields nameNote={'公开时只显示姓氏。'} />
      <Form.Item label={`附件（选填，最多 ${MAX_FILES} 个，每个不超过 2 MB；PDF、图片、Word 或文本）`}>
        <Upload
          accept={ACCEPT}
          multiple
          fileList={files}
          beforeUpload={(f) => {
            setFileError(null);
            if (f.size > MAX_BYTES) setFileError(`附件「${f.name}」超过 2 MB，请压缩后再上传。`);
            else if (files.length >= MAX_FILES) setFileError(`最多上传 ${MAX_FILES} 个附件。`);
            else setFiles((x) => [...x, { uid: f.uid, name: f.name, type: f.type, size: f.size, originFileObj: f }]);
            return false;
          }}
          onRemove={(f) => setFiles((x) => x.filter((y) => y.uid !== f.uid))}
        >
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
      </Form.Item>
      {fileError && <Alert type="warning" showIcon title={fileError} style={{ marginBottom: 12 }} />}
      {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
      <Button type="primary" size="large" htmlType="submit" loading={m.isPending}>
        提交意见
      </Button>
    </Form>
  );
}
