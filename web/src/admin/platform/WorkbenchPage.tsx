import { Card, Descriptions, Tag, Typography } from 'antd';
import { useMe } from '../../shared/auth';

export function WorkbenchPage() {
  const me = useMe()!;
  return (
    <>
      <Typography.Title level={2}>您好，{me.displayName}</Typography.Title>
      <Card title="我的身份">
        <Descriptions column={1}>
          <Descriptions.Item label="所属单位">{me.orgName}</Descriptions.Item>
          <Descriptions.Item label="角色">
            {me.grants.map((g) => (
              <Tag key={`${g.role}-${g.orgId}`}>
                {g.roleLabel}
                {g.includeSubtree ? '（含下级）' : ''}
              </Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </>
  );
}
