import { composeConfigErrors, composeInvariants } from './compose';
import { checkInvariants } from './invariants';
import { OVERLAYS, renderOverlay, type K8sObject, type Overlay } from './manifest';
import { validateObject } from './schemas';

export interface OverlayReport {
  overlay: Overlay;
  objects: number;
  problems: string[];
}

export interface DeployReport {
  overlays: OverlayReport[];
  compose: { validated: boolean; problems: string[] };
}

export function checkObjects(objects: K8sObject[], overlay: Overlay): string[] {
  return [...objects.flatMap(validateObject), ...checkInvariants(objects, overlay)];
}

/** Renders and checks every overlay and the compose file. */
export function validateDeploy(): DeployReport {
  const overlays = OVERLAYS.map((overlay) => {
    const objects = renderOverlay(overlay);
    return { overlay, objects: objects.length, problems: checkObjects(objects, overlay) };
  });
  const configErrors = composeConfigErrors();
  return {
    overlays,
    compose: {
      validated: configErrors !== null,
      problems: [...(configErrors ?? []), ...composeInvariants()],
    },
  };
}
