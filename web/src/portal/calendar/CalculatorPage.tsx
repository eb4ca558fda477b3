import { Typography } from 'antd';
import { CalculatorPanel } from './CalculatorPanel';

/** Public portal: the statutory deadline calculator (法定期限计算器). */
export function CalculatorPage() {
  return (
    <>
      <Typography.Title level={2}>法定期限计算器</Typography.Title>
      <Typography.Paragraph style={{ fontSize: 16 }}>
        依据国务院办公厅每年发布的节假日安排通知（含调休上班日）计算法定期限：起算当日不计入；按日计算的期限最后一日为法定节假日的，顺延至节假日后的第一个工作日。
      </Typography.Paragraph>
      <CalculatorPanel />
    </>
  );
}
