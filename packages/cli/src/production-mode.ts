// React and its reconciler choose their build when first loaded: without NODE_ENV they load the
// development build, which checks and records every render (user-timing entries that pile up for as
// long as the chat runs) and makes each frame several milliseconds slower. The binary runs the
// production build unless the environment asks otherwise; bin.ts imports this module first, so it
// runs before anything loads React.
process.env.NODE_ENV ??= 'production';
