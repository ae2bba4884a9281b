export * from './errors';
export * from './result';
export * from './api';
export * from './entities';
export * from './money';
export * from './order-states';
export * from './express-companies';
export * from './merchant';
