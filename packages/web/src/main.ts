import { PROTOCOL_VERSION } from 'aurora-protocol';

document.body.dataset.protocol = String(PROTOCOL_VERSION);
