/** Shared presentational components: no domain imports, no platform access, strings come in as props. */
export { AppLogo, type AppLogoProps } from './AppLogo';
export { PageHeader, type PageHeaderProps } from './PageHeader';
export { SectionIntro, type SectionIntroProps } from './SectionIntro';
