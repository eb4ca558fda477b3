import { Form, Input, Radio } from 'antd';
import type { PublicCommentInput } from '../../../../src/procedures/public-comment/public-comment.contract';

/**
 * The fields every public comment form shares (identity, name, contact, the comment itself and a honeypot),
 * matching the server's shared intake rules. Place inside an antd Form with `submitterKind` initialised.
 */
export function CommentFields({ nameNote }: { nameNote?: string }) {
  const form = Form.useFormInstance();
  const kind = (Form.useWatch('submitterKind', form) as string | undefined) ?? 'anonymous';
  return (
    <>
      <Form.Item name="submitterKind" label="以何种身份提交">
        <Radio.Group
          options={[
            { value: 'anonymous', label: '匿名' },
            { value: 'individual', label: '个人' },
            { value: 'organization', label: '单位' },
          ]}
        />
      </Form.Item>
      {kind !== 'anonymous' && (
        <>
          <Form.Item
            name="name"
            label={kind === 'organization' ? '单位名称' : '姓名'}
            rules={[{ required: true, message: kind === 'organization' ? '请填写单位名称' : '请填写姓名' }]}
            extra={kind === 'individual' ? nameNote : undefined}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="contact" label="联系方式（选填，不公开）">
            <Input maxLength={60} />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="body"
        label="意见内容"
        rules={[
          { required: true, message: '请填写意见内容' },
          { min: 5, message: '意见内容至少 5 个字' },
        ]}
      >
        <Input.TextArea rows={5} maxLength={5000} showCount />
      </Form.Item>
      {/* A field people never see; automated submitters fill it in and are refused by the server. */}
      <div aria-hidden="true" style={{ position: 'absolute', left: -10000, width: 1, height: 1, overflow: 'hidden' }}>
        <Form.Item name="website" label="网址">
          <Input tabIndex={-1} autoComplete="off" />
        </Form.Item>
      </div>
    </>
  );
}

/** What the shared fields submit (the public-comment contract's PublicCommentInput). */
export type CommentFieldValues = PublicCommentInput;
