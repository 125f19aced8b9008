// The chat page owns its connection (see utils/chat-client.js); the app itself holds no state.
App({})
