import { type Instance, type RenderOptions, render } from 'ink';
import { ChatApp, type ChatAppProps } from './chat-app.js';

/**
 * Renders the whole interactive client with the Ink that aurora-chat carries. The published package
 * bundles React and the patched Ink: a caller that rendered `ChatApp` with its own copies would mix
 * two Reacts (hooks fail) and time an Ink that is not the one users run.
 */
export function renderChatApp(props: ChatAppProps, options: RenderOptions): Instance {
  return render(<ChatApp {...props} />, options);
}
