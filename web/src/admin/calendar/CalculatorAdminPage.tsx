import { Typography } from 'antd';
import { CalculatorPanel } from '../../portal/calendar/CalculatorPanel';

export function CalculatorAdminPage() {
  return (
    <>
      <Typography.Title level={2}>期限计算器</Typography.Title>
      <CalculatorPanel />
    </>
  );
}
