import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReadinessRegistry } from '../health/readiness.registry';
import { dataSourceOptions, migrate, type ServiceDataSourceOptions } from './data-source';

/** TypeORM on the service's own schema; migrations run at boot, never `synchronize`. */
@Module({})
export class DatabaseModule implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readiness: ReadinessRegistry,
  ) {}

  static forRoot(options: ServiceDataSourceOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            await migrate(options);
            return { ...dataSourceOptions(options), retryAttempts: 20, retryDelay: 2000 };
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }

  onModuleInit(): void {
    this.readiness.register({
      name: 'postgres',
      check: async () => {
        await this.dataSource.query('SELECT 1');
      },
    });
  }
}
