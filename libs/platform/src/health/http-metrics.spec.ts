import { routeLabel } from './http-metrics';

describe('routeLabel', () => {
  it('should label a matched request with its route pattern, never the ids in its path', () => {
    expect(routeLabel({ baseUrl: '', route: { path: '/api/v1/social-account/:id' } })).toBe(
      '/api/v1/social-account/:id',
    );
  });

  it('should label a request no route matched as unmatched, whatever its path holds', () => {
    expect(routeLabel({ baseUrl: '', route: undefined })).toBe('unmatched');
  });
});
