// Integration tests start processes and wait on real brokers: allow them minutes, not seconds.
jest.setTimeout(120000);
