export { type Completion, type CompletionSources, completionsFor } from './completion.js';
export { InputBox, inputBoxLayout, MAX_INPUT_ROWS } from './input-box.js';
export { type InputLayout, layoutInput, MASK, maskInput } from './input-layout.js';
export { useInputBox } from './use-input-box.js';
export {
  emptyInput,
  type InputAction,
  type InputState,
  inputReducer,
  useInputBoxState,
} from './use-input-box-state.js';
