import fs from 'node:fs';
import path from 'node:path';
import { systemCtx } from '../../platform/access/actor.js';
import type { Db } from '../../platform/db/engine.js';
import { importLaws, type LawFileInput } from './commands/import-laws.js';
import { readLawDir } from './laws.files.js';

/** Where the public statute corpus sits beside the project, when it is there (it is optional). */
export const SHARED_LAWS_DIR = path.resolve(import.meta.dirname, '../../../../shared/laws');

/** The statutes the demo district's documents cite; imported from the corpus when it is present. */
export const DEMO_LAW_FILES = [
  '优化营商环境条例(2019-10-22).md',
  '行政处罚法(2021-01-22).md',
  '行政许可法(2019-04-23).md',
  '食品安全法(2021-04-29).md',
  '行政复议法(2017-09-01).md',
  '行政复议法(2023-09-01).md',
  '行政诉讼法(2017-06-27).md',
  '政府信息公开条例(2019-04-03).md',
  '重大行政决策程序暂行条例(2019-04-20).md',
  '上海市优化营商环境条例(2024-09-27).md',
];

/** A few articles of real statutes, so the product's demo runs without the corpus. */
const BUILTIN: LawFileInput[] = [
  {
    name: '优化营商环境条例(2019-10-22).md',
    category: '行政法规',
    content: `# 优化营商环境条例

2019年10月22日 中华人民共和国国务院令第722号公布

<!-- INFO END -->

## 第一章 总则

第一条 为了持续优化营商环境，不断解放和发展社会生产力，加快建设现代化经济体系，推动高质量发展，制定本条例。

第二条 本条例所称营商环境，是指企业等市场主体在市场经济活动中所涉及的体制机制性因素和条件。

## 第六章 法治保障

第六十二条 制定与市场主体生产经营活动密切相关的行政法规、规章、行政规范性文件，应当按照国务院的规定，充分听取市场主体、行业协会商会的意见。

第六十三条 制定与市场主体生产经营活动密切相关的行政法规、规章、行政规范性文件，应当按照国务院的规定进行公平竞争审查。

第六十四条 没有法律、法规或者国务院决定和命令依据的，行政规范性文件不得减损市场主体合法权益或者增加其义务，不得设置市场准入和退出条件，不得干预市场主体正常生产经营活动。

第六十五条 制定与市场主体生产经营活动密切相关的行政法规、规章、行政规范性文件，应当结合实际，确定是否为市场主体留出必要的适应调整期。
`,
  },
  {
    name: '行政处罚法(2021-01-22).md',
    category: '行政法',
    content: `# 中华人民共和国行政处罚法

2021年1月22日 第十三届全国人民代表大会常务委员会第二十五次会议修订

<!-- INFO END -->

## 第一章 总则

第一条 为了规范行政处罚的设定和实施，保障和监督行政机关有效实施行政管理，维护公共利益和社会秩序，保护公民、法人或者其他组织的合法权益，根据宪法，制定本法。

## 第二章 行政处罚的种类和设定

第十六条 除法律、法规、规章外，其他规范性文件不得设定行政处罚。

## 第五章 行政处罚的决定

第三十三条 违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。初次违法且危害后果轻微并及时改正的，可以不予行政处罚。
`,
  },
  {
    name: '行政许可法(2019-04-23).md',
    category: '行政法',
    content: `# 中华人民共和国行政许可法

2019年4月23日 第十三届全国人民代表大会常务委员会第十次会议修正

<!-- INFO END -->

## 第二章 行政许可的设定

第十七条 除本法第十四条、第十五条规定的外，其他规范性文件一律不得设定行政许可。
`,
  },
  {
    name: '食品安全法(2021-04-29).md',
    category: '经济法',
    content: `# 中华人民共和国食品安全法

2021年4月29日 第十三届全国人民代表大会常务委员会第二十八次会议修正

<!-- INFO END -->

## 第一章 总则

第一条 为了保证食品安全，保障公众身体健康和生命安全，制定本法。

第六条 县级以上地方人民政府对本行政区域的食品安全监督管理工作负责，统一领导、组织、协调本行政区域的食品安全监督管理工作以及食品安全突发事件应对工作。
`,
  },
];

/** Demo law library: a selection of the corpus when it sits beside the project, else the built-in excerpts. */
export async function seedDemoLaws(db: Db): Promise<number> {
  const existing = await db.selectFrom('laws').select('id').limit(1).execute();
  if (existing.length) return 0;
  let files = BUILTIN;
  if (fs.existsSync(SHARED_LAWS_DIR)) {
    const wanted = new Set(DEMO_LAW_FILES);
    const found = readLawDir(SHARED_LAWS_DIR, (rel) => wanted.has(path.basename(rel)));
    const byName = new Map(found.map((f) => [f.name, f]));
    if (byName.size > 0) files = [...byName.values()];
  }
  const s = await importLaws(db, systemCtx('seed'), files, '演示数据');
  return s.imported;
}
