export { type ActionSpec, type AnyWorkflow, type Gate, type UnmetGate, type Workflow, type WorkflowSpec, defineWorkflow } from './define.js';
export { type Act, type ActContext, type ActResult, type TransitionChange, type TransitionFrame, transitionRunner } from './frame.js';
export { mermaidDiagram, stateTableMarkdown, syncWorkflowDocs, workflowDocBlock } from './table.js';
