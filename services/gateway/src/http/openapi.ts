import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI 3 from the code: Swagger UI at `/docs`, the document at `/docs/json`. */
export function setupOpenApi(app: INestApplication, publicUrl: string): void {
  const config = new DocumentBuilder()
    .setTitle('Switchboard API')
    .setDescription('Connect social accounts, keep their tokens fresh, hear before they break.')
    .setVersion('1')
    .addServer(publicUrl)
    .addApiKey({ type: 'apiKey', name: 'x-api-key', in: 'header' }, 'apiKey')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/json',
    customSiteTitle: 'Switchboard API',
  });
}
