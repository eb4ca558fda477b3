import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** A small ECharts wrapper; `onClick` receives the clicked category's index, for drill-down. */
export function Chart({
  option,
  height = 300,
  label,
  onClick,
}: {
  option: echarts.EChartsCoreOption;
  height?: number;
  label: string;
  onClick?: (index: number) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current);
    c.setOption(option);
    if (onClick) c.on('click', (p) => onClick(p.dataIndex));
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
    };
  }, [option, onClick]);
  return <div ref={ref} role="img" aria-label={label} style={{ height, width: '100%' }} />;
}
