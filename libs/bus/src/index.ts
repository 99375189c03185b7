export * from './bus.options';
export * from './bus.tables';
export * from './bus.module';
export * from './outbox.service';
export * from './outbox.relay';
export * from './event.consumer';
export * from './dead-letter.service';
export * from './jetstream.service';
