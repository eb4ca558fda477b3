import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Input, InputNumber, List, Space, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { PlanTaskDetailDto as Detail } from '../../../../src/modules/plan/plan.contract';
import { fmtTime, get, post } from '../../shared/api';
import { DueDateForm } from './DueDateForm';
import { WeightControl } from './WeightControl';
import { type Evidence, EvidenceUpload } from './EvidenceUpload';

/** One task: its text, its history, and the progress form with evidence. */
export function TaskPage() {
  const { id } = useParams();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['plan-task', id], queryFn: () => get<Detail>(`/api/plan/tasks/${id}`) });
  const [progress, setProgress] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const send = useMutation({
    mutationFn: () =>
      post(`/api/plan/tasks/${id}/progress`, {
        progress,
        note,
        reason: reason || undefined,
        evidence,
      }),
    onSuccess: () => {
      message.success('进展已报送');
      setNote('');
      setReason('');
      setEvidence([]);
      qc.invalidateQueries({ queryKey: ['plan-task', id] });
    },
  });
  const t = q.data;
  if (!t) return q.error ? <Alert type="error" showIcon title={(q.error as Error).message} /> : null;
  return (
    <>
      <Typography.Title level={2}>{`（${t.itemNumeral}）${t.itemTitle}`}</Typography.Title>
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="章节">{t.chapterTitle}</Descriptions.Item>
        <Descriptions.Item label="责任单位">{t.orgName}</Descriptions.Item>
        <Descriptions.Item label="完成期限">{t.dueDate}</Descriptions.Item>
        <Descriptions.Item label="当前进度">{`${t.progress}%${t.overdue ? '（已超期）' : ''}`}</Descriptions.Item>
        <Descriptions.Item label="汇总权重">
          {t.abilities.setWeight ? (
            <WeightControl
              planId={t.planId}
              level="task"
              targetId={t.id}
              current={t.weight}
              label={`${t.orgName}承担的本项任务`}
              invalidate={[
                ['plan-task', id],
                ['plan', t.planId],
              ]}
            />
          ) : (
            t.weight
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ fontSize: 16 }}>{t.itemBody}</Typography.Paragraph>
      {t.abilities.reportProgress && (
        <Card title="报送进展" size="small" style={{ marginBottom: 16 }}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space>
              <label htmlFor="task-progress">进度（%）</label>
              <InputNumber
                id="task-progress"
                min={0}
                max={100}
                value={progress}
                onChange={(v) => setProgress(v === null ? null : Number(v))}
              />
            </Space>
            <label htmlFor="task-note">进展情况</label>
            <Input.TextArea id="task-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
            <label htmlFor="task-reason">回退原因（进度低于上次时必填）</label>
            <Input id="task-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
            <EvidenceUpload value={evidence} onChange={setEvidence} />
            {send.error && <Alert type="error" showIcon title={(send.error as Error).message} />}
            <Button type="primary" loading={send.isPending} onClick={() => send.mutate()}>
              报送
            </Button>
          </Space>
        </Card>
      )}
      {t.abilities.setDue && <DueDateForm taskId={t.id} current={t.dueDate} />}
      <List
        header="进展记录"
        bordered
        dataSource={t.reports}
        renderItem={(r) => (
          <List.Item>
            <span>
              {`${fmtTime(r.reportedAt)} ${r.reportedBy ?? '系统'}：${r.from}% → ${r.to}%。${r.note}${r.reason ? `（回退原因：${r.reason}）` : ''}`}
              {r.evidence.length > 0 && ' 佐证：'}
              {r.evidence.map((e) => (
                <Tag key={`${e.title}-${e.fileSha256 ?? e.url ?? ''}`}>
                  {e.fileSha256 ? <a href={`/api/plan/evidence/${e.fileSha256}`}>{e.title}</a> : e.title}
                </Tag>
              ))}
            </span>
          </List.Item>
        )}
      />
    </>
  );
}
