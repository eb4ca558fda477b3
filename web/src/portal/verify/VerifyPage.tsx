import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Input, Space, Tabs, Typography, Upload } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { toHex } from '../../../../src/platform/ledger/encoding';
import type {
  LedgerEntryDto as EntryItem,
  LedgerKeyDto as KeyItem,
} from '../../../../src/platform/ledger/ledger.contract';
import {
  type BundleResult,
  type ProofBundle,
  parseVerifierKey,
  sha256,
  VerificationError,
  verifyProofBundle,
} from '../../../../src/platform/ledger/verify';
import { fmtTime, get } from '../../shared/api';

type Outcome =
  | { kind: 'ok'; result: BundleResult; entry: EntryItem; checkedAt: string }
  | { kind: 'pending' }
  | { kind: 'fail'; message: string };

/**
 * 存证核验: the citizen's browser — not the server — recomputes the file's hash, the leaf, the checkpoint
 * signature and the Merkle path. The server only supplies data; a wrong answer cannot pass.
 */
export function VerifyPage() {
  const keys = useQuery({
    queryKey: ['ledger-keys'],
    queryFn: () => get<{ origin: string | null; items: KeyItem[] }>('/api/public/ledger/keys'),
  });
  const [params] = useSearchParams();
  const [hash, setHash] = useState(params.get('hash') ?? '');
  const [fileName, setFileName] = useState<string | null>(null);
  const [pinned, setPinned] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function check(target: string) {
    setBusy(true);
    setOutcome(null);
    try {
      const h = target.trim().toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(h))
        throw new VerificationError('bad_hash', '哈希值应为 64 位十六进制数字（SHA-256）。');
      const found = await get<{ items: EntryItem[] }>(`/api/public/ledger/entries/by-hash/${h}`);
      const entry = found.items.find((e) => e.index !== null);
      if (!entry) {
        if (found.items.length > 0) return setOutcome({ kind: 'pending' });
        throw new VerificationError(
          'not_found',
          '没有找到与该文件对应的上链记录。请确认文件是从本平台下载的原件，且未经修改（哪怕多一个空格也会不同）。',
        );
      }
      const bundle = await get<ProofBundle>(`/api/public/ledger/entries/${entry.index}/proof`);
      const keyStrings = pinned.trim() ? pinned.split(/\s+/) : (keys.data?.items ?? []).map((k) => k.verifierKey);
      const trusted = await Promise.all(keyStrings.map((k) => parseVerifierKey(k)));
      const result = await verifyProofBundle(bundle, trusted, { fileHash: h === entry.leafHash ? undefined : h });
      setOutcome({ kind: 'ok', result, entry, checkedAt: new Date().toISOString() });
    } catch (e) {
      setOutcome({ kind: 'fail', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  // A link from a proof badge (/verify?hash=…) checks that hash as soon as the published keys are loaded.
  const linked = useRef(false);
  useEffect(() => {
    const h = params.get('hash');
    if (!h || linked.current || !keys.data) return;
    linked.current = true;
    void check(h);
  });

  async function onFile(file: File) {
    setFileName(file.name);
    const digest = toHex(await sha256(new Uint8Array(await file.arrayBuffer())));
    setHash(digest);
    await check(digest);
    return false;
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', fontSize: 16 }}>
      <Typography.Title level={2}>存证核验</Typography.Title>
      <Typography.Paragraph style={{ fontSize: 16 }}>
        本平台公开的决策、文件等记录都已“上链”：写入一本只能追加、不能改写的公开账本。把从本平台下载的文件拖到下面，
        或粘贴它的哈希值，<strong>您的浏览器会自己完成全部计算</strong>
        ，核对该文件是否原样记入账本——不需要相信本网站的任何说法。
      </Typography.Paragraph>
      <Card>
        <Tabs
          defaultActiveKey={params.get('hash') ? 'hash' : 'file'}
          items={[
            {
              key: 'file',
              label: '上传文件',
              children: (
                <Upload.Dragger
                  accept="*"
                  multiple={false}
                  showUploadList={false}
                  beforeUpload={onFile}
                  disabled={busy}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p style={{ fontSize: 18 }}>点击或把文件拖到这里</p>
                  <p>文件只在您的电脑上计算哈希，不会上传</p>
                </Upload.Dragger>
              ),
            },
            {
              key: 'hash',
              label: '粘贴哈希值',
              children: (
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    aria-label="SHA-256 哈希值"
                    size="large"
                    placeholder="64 位十六进制 SHA-256 哈希值"
                    value={hash}
                    onChange={(e) => setHash(e.target.value)}
                  />
                  <Button size="large" type="primary" loading={busy} onClick={() => check(hash)}>
                    核验
                  </Button>
                </Space.Compact>
              ),
            },
          ]}
        />
        {fileName && (
          <Typography.Paragraph style={{ marginTop: 12 }}>
            文件：{fileName}，SHA-256：<code>{hash}</code>
          </Typography.Paragraph>
        )}
      </Card>
      {outcome?.kind === 'ok' && (
        <Alert
          type="success"
          showIcon
          message={<span style={{ fontSize: 18 }}>✔ 核验通过：该文件原样记入了公开账本</span>}
          description={
            <Descriptions column={1} size="small">
              <Descriptions.Item label="账本条目">
                第 {String(outcome.result.index)} 号（{outcome.entry.recordKind} {outcome.entry.recordId}）
              </Descriptions.Item>
              <Descriptions.Item label="上链时间">{fmtTime(outcome.entry.sequencedAt)}</Descriptions.Item>
              <Descriptions.Item label="签名检查点">
                日志「{outcome.result.origin}」共 {String(outcome.result.treeSize)} 条，根哈希{' '}
                <code>{outcome.result.rootHash}</code>
              </Descriptions.Item>
              <Descriptions.Item label="签名公钥">
                {outcome.result.signedBy.join('、')}（已用下方公布的公钥验证签名）
              </Descriptions.Item>
              {outcome.entry.recordKind !== 'audit_event' && (
                <Descriptions.Item label="存证原文">
                  <a href={`/api/public/ledger/entries/${outcome.result.index}/content`} download>
                    下载（规范化 JSON，其 SHA-256 即内容哈希；保存后可随时拖回本页再次核验）
                  </a>
                </Descriptions.Item>
              )}
            </Descriptions>
          }
        />
      )}
      {outcome?.kind === 'pending' && (
        <Alert type="info" showIcon message="该文件已提交上链，正在排队写入账本，请一分钟后再核验。" />
      )}
      {outcome?.kind === 'fail' && (
        <Alert
          type="error"
          showIcon
          message={<span style={{ fontSize: 18 }}>✘ 未通过核验</span>}
          description={outcome.message}
        />
      )}
      <Card title="验证公钥（请与政府公告中公布的公钥核对）">
        {keys.isError && <Alert type="warning" message="公钥暂时无法读取，请稍后刷新。" />}
        {(keys.data?.items ?? []).map((k) => (
          <Typography.Paragraph key={k.keyHash}>
            <code style={{ wordBreak: 'break-all' }}>{k.verifierKey}</code>
            <br />
            有效期：{fmtTime(k.validFrom)} 起
            {k.validUntil ? `，至 ${fmtTime(k.validUntil)} 止（已轮换，旧检查点仍可用它验证）` : '（当前使用）'}
          </Typography.Paragraph>
        ))}
        <Typography.Paragraph type="secondary">
          如果您从其他可靠渠道（例如政府公报）获得了公钥，可以粘贴在这里，核验将只信任您提供的公钥：
        </Typography.Paragraph>
        <Input.TextArea
          aria-label="自行提供的验证公钥"
          rows={2}
          value={pinned}
          onChange={(e) => setPinned(e.target.value)}
        />
      </Card>
    </Space>
  );
}
