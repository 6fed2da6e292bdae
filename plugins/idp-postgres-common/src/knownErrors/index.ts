export * from './types';
export * from './catalogue';
export * from './fillFixPlaceholders';
export * from './normaliseErrorText';
export * from './matchKnownErrors';
