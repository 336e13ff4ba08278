/** The patrolsim version recorded in every output (keep in step with package.json). */
export const VERSION = '0.1.0';
