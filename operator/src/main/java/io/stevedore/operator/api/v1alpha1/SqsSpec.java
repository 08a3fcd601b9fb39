package io.stevedore.operator.api.v1alpha1;

/** How the platform reaches Amazon SQS. */
public class SqsSpec extends AwsServiceSpec {}
