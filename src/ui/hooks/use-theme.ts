/** The theme for the components below the App, without prop drilling. */
import { createContext, useContext } from 'react';
import { createTheme } from '../theme.js';
import type { Theme } from '../theme.js';

export const ThemeContext = createContext<Theme>(createTheme(false));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
