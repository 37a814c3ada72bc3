import 'fake-indexeddb/auto';
import { configure } from '@testing-library/react';

// findBy… and waitFor wait for a state, not for a speed: on two busy cores a render can take
// seconds, so they wait as long as the suite's own timeouts allow rather than Testing Library's
// default of one second.
configure({ asyncUtilTimeout: 30_000 });
