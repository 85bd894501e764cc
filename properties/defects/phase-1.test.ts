import { defectKills } from '../support/defect-kills.ts';

defectKills('phase-1');
