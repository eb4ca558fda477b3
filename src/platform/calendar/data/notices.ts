/**
 * Holiday and make-up workday arrangements from the State Council General Office's yearly notices
 * (国务院办公厅关于某年部分节假日安排的通知), as the project's own versioned data.
 *
 * Each entry is one version of one year: the notices in force for that version (a later notice amends an
 * earlier one, e.g. the 2019 Labour Day change and the 2020 Spring Festival extension) and the resulting
 * arrangement per festival. `off` ranges are inclusive and may include weekend days; `work` lists the
 * make-up working days (调休上班), which are always Saturdays or Sundays. A notice may reach into the
 * neighbouring year (the 2019 notice made 2018-12-29 a working day and 2018-12-31 a holiday).
 *
 * The fixed statutory basis is 《全国年节及纪念日放假办法》 (revised by 国务院令第795号 with effect from
 * 2025-01-01, adding New Year's Eve and 1 May 2 to the holidays).
 */
export interface HolidayNotice {
  /** 发文字号, e.g. 国办发明电〔2023〕7号. */
  number: string;
  title: string;
  /** Date the notice was signed (成文日期). */
  issuedOn: string;
  url: string | null;
}

export interface FestivalArrangement {
  /** 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节 (or a combined name). */
  name: string;
  /** Inclusive date ranges [from, to] that are days off. */
  off: [string, string][];
  /** Make-up working days (weekend days that are worked). */
  work: string[];
}

export interface CalendarYearData {
  year: number;
  version: number;
  notices: HolidayNotice[];
  festivals: FestivalArrangement[];
  note?: string;
}

const f = (name: string, off: [string, string][], work: string[] = []): FestivalArrangement => ({ name, off, work });
const one = (d: string): [string, string] => [d, d];

const N2019: HolidayNotice = {
  number: '国办发明电〔2018〕15号',
  title: '国务院办公厅关于2019年部分节假日安排的通知',
  issuedOn: '2018-12-04',
  url: 'http://www.gov.cn/zhengce/zhengceku/2018-12/06/content_5346276.htm',
};
const N2019_MAY: HolidayNotice = {
  number: '国办发明电〔2019〕3号',
  title: '国务院办公厅关于调整2019年劳动节假期安排的通知',
  issuedOn: '2019-03-22',
  url: 'http://www.gov.cn/zhengce/zhengceku/2019-03/22/content_5375877.htm',
};
const N2020: HolidayNotice = {
  number: '国办发明电〔2019〕16号',
  title: '国务院办公厅关于2020年部分节假日安排的通知',
  issuedOn: '2019-11-21',
  url: 'http://www.gov.cn/zhengce/zhengceku/2019-11/21/content_5454164.htm',
};
const N2020_EXT: HolidayNotice = {
  number: '国办发明电〔2020〕1号',
  title: '国务院办公厅关于延长2020年春节假期的通知',
  issuedOn: '2020-01-26',
  url: 'http://www.gov.cn/zhengce/zhengceku/2020-01/27/content_5472352.htm',
};

const Y2019_BASE = [
  f('元旦', [['2018-12-30', '2019-01-01']], ['2018-12-29']),
  f('春节', [['2019-02-04', '2019-02-10']], ['2019-02-02', '2019-02-03']),
  f('清明节', [one('2019-04-05')]),
  f('端午节', [one('2019-06-07')]),
  f('中秋节', [one('2019-09-13')]),
  f('国庆节', [['2019-10-01', '2019-10-07']], ['2019-09-29', '2019-10-12']),
];

const Y2020_COMMON = [
  f('元旦', [one('2020-01-01')]),
  f('清明节', [['2020-04-04', '2020-04-06']]),
  f('劳动节', [['2020-05-01', '2020-05-05']], ['2020-04-26', '2020-05-09']),
  f('端午节', [['2020-06-25', '2020-06-27']], ['2020-06-28']),
  f('国庆节、中秋节', [['2020-10-01', '2020-10-08']], ['2020-09-27', '2020-10-10']),
];

export const BUILTIN_CALENDAR: CalendarYearData[] = [
  {
    year: 2019,
    version: 1,
    notices: [N2019],
    festivals: [...Y2019_BASE, f('劳动节', [one('2019-05-01')])],
  },
  {
    year: 2019,
    version: 2,
    notices: [N2019, N2019_MAY],
    festivals: [...Y2019_BASE, f('劳动节', [['2019-05-01', '2019-05-04']], ['2019-04-28', '2019-05-05'])],
    note: '劳动节由1天调整为5月1日至4日放假调休，4月28日、5月5日上班',
  },
  {
    year: 2020,
    version: 1,
    notices: [N2020],
    festivals: [...Y2020_COMMON, f('春节', [['2020-01-24', '2020-01-30']], ['2020-01-19', '2020-02-01'])],
  },
  {
    year: 2020,
    version: 2,
    notices: [N2020, N2020_EXT],
    festivals: [...Y2020_COMMON, f('春节', [['2020-01-24', '2020-02-02']], ['2020-01-19'])],
    note: '春节假期延长至2月2日，2月1日（星期六）不再上班，2月3日起正常上班',
  },
  {
    year: 2021,
    version: 1,
    notices: [
      {
        number: '国办发明电〔2020〕27号',
        title: '国务院办公厅关于2021年部分节假日安排的通知',
        issuedOn: '2020-11-25',
        url: 'http://www.gov.cn/zhengce/zhengceku/2020-11/25/content_5564127.htm',
      },
    ],
    festivals: [
      f('元旦', [['2021-01-01', '2021-01-03']]),
      f('春节', [['2021-02-11', '2021-02-17']], ['2021-02-07', '2021-02-20']),
      f('清明节', [['2021-04-03', '2021-04-05']]),
      f('劳动节', [['2021-05-01', '2021-05-05']], ['2021-04-25', '2021-05-08']),
      f('端午节', [['2021-06-12', '2021-06-14']]),
      f('中秋节', [['2021-09-19', '2021-09-21']], ['2021-09-18']),
      f('国庆节', [['2021-10-01', '2021-10-07']], ['2021-09-26', '2021-10-09']),
    ],
  },
  {
    year: 2022,
    version: 1,
    notices: [
      {
        number: '国办发明电〔2021〕11号',
        title: '国务院办公厅关于2022年部分节假日安排的通知',
        issuedOn: '2021-10-25',
        url: 'http://www.gov.cn/zhengce/zhengceku/2021-10/25/content_5644835.htm',
      },
    ],
    festivals: [
      f('元旦', [['2022-01-01', '2022-01-03']]),
      f('春节', [['2022-01-31', '2022-02-06']], ['2022-01-29', '2022-01-30']),
      f('清明节', [['2022-04-03', '2022-04-05']], ['2022-04-02']),
      f('劳动节', [['2022-04-30', '2022-05-04']], ['2022-04-24', '2022-05-07']),
      f('端午节', [['2022-06-03', '2022-06-05']]),
      f('中秋节', [['2022-09-10', '2022-09-12']]),
      f('国庆节', [['2022-10-01', '2022-10-07']], ['2022-10-08', '2022-10-09']),
    ],
  },
  {
    year: 2023,
    version: 1,
    notices: [
      {
        number: '国办发明电〔2022〕16号',
        title: '国务院办公厅关于2023年部分节假日安排的通知',
        issuedOn: '2022-12-08',
        url: 'http://www.gov.cn/zhengce/zhengceku/2022-12/08/content_5730844.htm',
      },
    ],
    festivals: [
      f('元旦', [['2022-12-31', '2023-01-02']]),
      f('春节', [['2023-01-21', '2023-01-27']], ['2023-01-28', '2023-01-29']),
      f('清明节', [one('2023-04-05')]),
      f('劳动节', [['2023-04-29', '2023-05-03']], ['2023-04-23', '2023-05-06']),
      f('端午节', [['2023-06-22', '2023-06-24']], ['2023-06-25']),
      f('中秋节、国庆节', [['2023-09-29', '2023-10-06']], ['2023-10-07', '2023-10-08']),
    ],
  },
  {
    year: 2024,
    version: 1,
    notices: [
      {
        number: '国办发明电〔2023〕7号',
        title: '国务院办公厅关于2024年部分节假日安排的通知',
        issuedOn: '2023-10-25',
        url: 'https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm',
      },
    ],
    festivals: [
      f('元旦', [one('2024-01-01')]),
      f('春节', [['2024-02-10', '2024-02-17']], ['2024-02-04', '2024-02-18']),
      f('清明节', [['2024-04-04', '2024-04-06']], ['2024-04-07']),
      f('劳动节', [['2024-05-01', '2024-05-05']], ['2024-04-28', '2024-05-11']),
      f('端午节', [one('2024-06-10')]),
      f('中秋节', [['2024-09-15', '2024-09-17']], ['2024-09-14']),
      f('国庆节', [['2024-10-01', '2024-10-07']], ['2024-09-29', '2024-10-12']),
    ],
  },
  {
    year: 2025,
    version: 1,
    notices: [
      {
        number: '国办发明电〔2024〕12号',
        title: '国务院办公厅关于2025年部分节假日安排的通知',
        issuedOn: '2024-11-12',
        url: 'https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm',
      },
    ],
    festivals: [
      f('元旦', [one('2025-01-01')]),
      f('春节', [['2025-01-28', '2025-02-04']], ['2025-01-26', '2025-02-08']),
      f('清明节', [['2025-04-04', '2025-04-06']]),
      f('劳动节', [['2025-05-01', '2025-05-05']], ['2025-04-27']),
      f('端午节', [['2025-05-31', '2025-06-02']]),
      f('国庆节、中秋节', [['2025-10-01', '2025-10-08']], ['2025-09-28', '2025-10-11']),
    ],
  },
  {
    year: 2026,
    version: 1,
    notices: [
      {
        number: '国办发明电〔2025〕7号',
        title: '国务院办公厅关于2026年部分节假日安排的通知',
        issuedOn: '2025-11-04',
        url: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
      },
    ],
    festivals: [
      f('元旦', [['2026-01-01', '2026-01-03']], ['2026-01-04']),
      f('春节', [['2026-02-15', '2026-02-23']], ['2026-02-14', '2026-02-28']),
      f('清明节', [['2026-04-04', '2026-04-06']]),
      f('劳动节', [['2026-05-01', '2026-05-05']], ['2026-05-09']),
      f('端午节', [['2026-06-19', '2026-06-21']]),
      f('中秋节', [['2026-09-25', '2026-09-27']]),
      f('国庆节', [['2026-10-01', '2026-10-07']], ['2026-09-20', '2026-10-10']),
    ],
  },
];
