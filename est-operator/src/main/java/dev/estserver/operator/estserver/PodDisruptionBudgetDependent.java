package dev.estserver.operator.estserver;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

import dev.estserver.operator.api.v1alpha1.EstServer;

/** With more than one replica, a node drain takes at most one pod at a time; with one, a PDB would block drains. */
public class PodDisruptionBudgetDependent extends OwnedDependent<PodDisruptionBudget> {

    public PodDisruptionBudgetDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    protected PodDisruptionBudget desired(EstServer server, Context<EstServer> context) {
        return new PodDisruptionBudgetBuilder().withMetadata(Owned.metadata(server, OwnedNames.of(server).workload()))
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withNewSelector()
                .withMatchLabels(Owned.selector(server)).endSelector().endSpec().build();
    }

    /** Reconciled (and otherwise deleted) only while the EstServer asks for more than one replica. */
    public static class MultipleReplicas implements Condition<PodDisruptionBudget, EstServer> {
        @Override
        public boolean isMet(DependentResource<PodDisruptionBudget, EstServer> dependent, EstServer server,
                Context<EstServer> context) {
            return DeploymentDependent.replicas(server) > 1;
        }
    }
}
