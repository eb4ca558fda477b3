export { INSPECTION_STATUS_LABELS as INSPECTION_STATUS_ZH } from '../../../../../src/modules/plan/plan.contract';
