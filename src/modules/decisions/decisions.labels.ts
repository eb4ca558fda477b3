/**
 * Chinese labels of the decision procedure's fixed vocabularies. Pure data with no imports, so the workbench and
 * the portal show exactly the statutory wording the server validates against.
 */

/** Art 3¶1 kinds of major decisions (Shanghai 35号 Art 5 adds 城市管理 and 规划、计划). */
export const MAJOR_KINDS = {
  public_policy: '公共服务、市场监管、社会管理、环境保护、城市管理等方面的重大公共政策和措施',
  development_plan: '经济和社会发展等方面的重要规划、计划',
  resources: '开发利用、保护重要自然资源和文化资源的重大公共政策和措施',
  construction_project: '在本行政区域实施的重大公共建设项目',
  major_interest: '对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项',
} as const;

/** Art 3¶2 exclusions. */
export const EXCLUSIONS = {
  other_law: '法律、行政法规对本条第一款规定事项的决策程序另有规定',
  macro_control: '财政政策、货币政策等宏观调控决策',
  legislation: '政府立法决策（规章制定）',
  emergency: '突发事件应急处置决策',
} as const;

export const FORM_LABELS = {
  comment_period: '公开征求意见',
  hearing: '听证会',
  symposium: '座谈会',
  written_consultation: '书面征求意见',
  survey: '问卷调查',
  field_visit: '实地走访',
} as const;
export const DISPOSITION_LABELS = { adopted: '采纳', partly_adopted: '部分采纳', not_adopted: '不予采纳' } as const;
