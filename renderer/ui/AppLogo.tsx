/**
 * The app's mark: a shield holding two arrows that meet, for records exchanged between delegations.
 * An inline React SVG (React creates the elements; no markup strings), decorative unless titled.
 */
import type { SVGProps } from 'react';

export interface AppLogoProps extends Omit<SVGProps<SVGSVGElement>, 'children'> {
  readonly size?: number;
}

export function AppLogo({ size = 28, ...rest }: AppLogoProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 32 32"
      fill="none"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      <path
        d="M16 2.5 4.5 6.5v8.2c0 7.1 4.9 12.6 11.5 14.8 6.6-2.2 11.5-7.7 11.5-14.8V6.5L16 2.5Z"
        fill="currentColor"
        opacity="0.16"
      />
      <path
        d="M16 2.5 4.5 6.5v8.2c0 7.1 4.9 12.6 11.5 14.8 6.6-2.2 11.5-7.7 11.5-14.8V6.5L16 2.5Z"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
      <path
        d="M9.5 13h11m0 0-3-3m3 3-3 3M22.5 19h-11m0 0 3-3m-3 3 3 3"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
