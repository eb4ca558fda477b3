import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { MeDto } from '../../../src/platform/auth/auth.contract';
import { ApiError, get, setCsrfToken } from './api';

/** The signed-in user (the auth contract's MeDto). */
export type Me = MeDto;

export const MeContext = createContext<Me | null>(null);
export const useMe = () => useContext(MeContext);
export const hasRole = (me: Me | null, role: string) => !!me?.grants.some((g) => g.role === role);

/** Loads the current user; null when not logged in (401). */
export function useMeQuery() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await get<Me>('/api/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export function useRefreshMe() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['me'] });
}
