import { exposureProperty } from '../support/exposure.ts';

/** phase-0: who can reach what at every step boundary stays within the access matrix (support/exposure.ts). */
export const exposure = exposureProperty('phase-0');
