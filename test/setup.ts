// No test reaches the internet: nock guards the global fetch, and undici's own dispatcher
// refuses every host but loopback (nock 14 does not see undici.request).
import nock from 'nock';
import { MockAgent, setGlobalDispatcher } from 'undici';

nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host));

const agent = new MockAgent();
agent.disableNetConnect();
agent.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
setGlobalDispatcher(agent);
