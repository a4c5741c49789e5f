<#-- After a password reset (attribute set by IcsoeUpdatePassword) the ICSOE "Contraseña actualizada"
     page; otherwise base/login/info.ftl of Keycloak 26.7.5, same elements, variables and messages
     (only its empty <#else> branches folded). Keycloak's template loader cannot include a parent
     template of the same name, so that branch is the one part of the parent kept here: re-diff it
     on a Keycloak upgrade (docs/theme-overrides.md). -->
<#if icsoePasswordUpdated??>
<#include "icsoe-password-updated.ftl">
<#else>
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        <#if messageHeader??>${kcSanitize(msg("${messageHeader}"))?no_esc}<#else>${message.summary}</#if>
    <#elseif section = "form">
    <div id="kc-info-message">
        <p class="instruction">${message.summary}<#if requiredActions??><#list requiredActions>: <b><#items as reqActionItem>${kcSanitize(msg("requiredAction.${reqActionItem}"))?no_esc}<#sep>, </#items></b></#list></#if></p>
        <#if !skipLink??>
            <#if pageRedirectUri?has_content>
                <p><a href="${pageRedirectUri}">${msg("backToApplication")}</a></p>
            <#elseif actionUri?has_content>
                <p><a href="${actionUri}">${msg("proceedWithAction")}</a></p>
            <#elseif (client.baseUrl)?has_content>
                <p><a href="${client.baseUrl}">${msg("backToApplication")}</a></p>
            </#if>
        </#if>
    </div>
    </#if>
</@layout.registrationLayout>
</#if>
