import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/**
 * A small ECharts wrapper; `onClick` receives the clicked category's index, for drill-down. The chart is an image
 * to assistive technology (`label` says what it shows); pages put the same figures in links or tables beside it.
 */
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
  // The latest handler, so a new closure on each render does not rebuild the chart.
  const click = useRef(onClick);
  click.current = onClick;
  const clickable = !!onClick;
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current);
    c.setOption(option);
    if (clickable) {
      c.on('click', (p) => click.current?.(p.dataIndex));
    }
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
    };
  }, [option, clickable]);
  return <div ref={ref} role="img" aria-label={label} style={{ height, width: '100%' }} />;
}
