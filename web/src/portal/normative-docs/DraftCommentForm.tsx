import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Result } from 'antd';
import type { CommentReceiptDto } from '../../../../src/modules/normative-docs/normative-docs.contract';
import { post } from '../../shared/api';
import { CommentFields } from '../shared/CommentFields';

/** The public comment form for a draft: anonymous, individual or organisation; a receipt number to keep. */
export function DraftCommentForm({ docId }: { docId: string }) {
  const [form] = Form.useForm();
  const m = useMutation({
    mutationFn: (v: { submitterKind: string; name?: string; contact?: string; body: string; website?: string }) =>
      post<CommentReceiptDto>(`/api/public/normative-drafts/${docId}/comments`, {
        submitterKind: v.submitterKind,
        name: v.submitterKind === 'anonymous' ? undefined : v.name,
        contact: v.submitterKind === 'anonymous' ? undefined : v.contact || undefined,
        body: v.body,
        website: v.website || undefined,
      }),
  });
  if (m.data)
    return (
      <Result
        status="success"
        title="意见已提交，感谢您的参与"
        subTitle={
          <span style={{ fontSize: 16 }}>
            回执号：<strong data-testid="receipt-no">{m.data.receiptNo}</strong>
            。请妥善保存；起草单位将在征求意见结束后说明意见采纳情况。
          </span>
        }
        extra={
          <Button
            onClick={() => {
              m.reset();
              form.resetFields();
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
      name="draft-comment"
      layout="vertical"
      initialValues={{ submitterKind: 'anonymous' }}
      onFinish={(v) => m.mutate(v)}
      style={{ fontSize: 16 }}
    >
      <CommentFields />
      {m.error && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" size="large" loading={m.isPending}>
        提交意见
      </Button>
    </Form>
  );
}
